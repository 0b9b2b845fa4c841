"""The brief-report pages (工作简报) in the URL × role table (imported by tests/reports/url_entries.py): the
readers of the annual report — street leaders and office staff (none in the cast but the leader)."""

from tests.urlcheck import Route, statuses

READERS = statuses(403, leader=200)
NOT_FOUND = statuses(403, leader=404)


def _period(kind="month", number=9, **more):
    return lambda w: {"year": 2023, "kind": kind, "number": number, **more}


PAGES = {
    "brief_report": [
        Route(READERS, label="本年"),
        Route(READERS, query="year=2023", label="2023"),
        Route(READERS, query="year=1999", label="无效年度"),
    ],
    "brief_report_preview": [
        Route(READERS, kwargs=_period(), label="月报"),
        Route(READERS, kwargs=_period("quarter", 3), label="季报"),
        Route(NOT_FOUND, kwargs=_period(number=13), label="无效月份"),
        Route(NOT_FOUND, kwargs=_period("week", 1), label="无效周期"),
        Route(NOT_FOUND, kwargs=lambda w: {"year": 1999, "kind": "month", "number": 1}, label="无效年度"),
    ],
    "brief_report_download": [
        Route(READERS, kwargs=_period(fmt="docx"), label="docx"),
        Route(READERS, kwargs=_period("quarter", 3, fmt="md"), label="md"),
        Route(NOT_FOUND, kwargs=_period(fmt="pdf"), label="不支持的格式"),
        Route(NOT_FOUND, kwargs=_period("quarter", 5, fmt="md"), label="无效季度"),
    ],
}
