"""The report pages in the URL × role table. Street leaders read the annual summary; only 党政办 (an office
staff member of office "dzb", not in the cast) edits it — see tests/reports/test_annual_pages.py."""

from tests.urlcheck import Route, one, statuses

READERS = statuses(403, leader=200)
NOBODY_IN_CAST = statuses(403)

PAGES = {
    "annual_report": [
        Route(READERS, label="列表"),
        Route(statuses(403, leader=302), query="year=2023", label="跳转"),
    ],
    "annual_report_preview": [
        Route(READERS, kwargs=lambda w: {"year": 2023}, label="2023"),
        Route(statuses(403, leader=404), kwargs=lambda w: {"year": 1999}, label="无效年度"),
    ],
    "annual_report_edit": one(NOBODY_IN_CAST, kwargs=lambda w: {"year": 2023}),
    "annual_report_download": [
        Route(READERS, kwargs=lambda w: {"year": 2023, "fmt": "docx"}, label="docx"),
        Route(READERS, kwargs=lambda w: {"year": 2023, "fmt": "md"}, label="md"),
        Route(READERS, kwargs=lambda w: {"year": 2023, "fmt": "json"}, label="json"),
        Route(statuses(403, leader=404), kwargs=lambda w: {"year": 2023, "fmt": "pdf"}, label="不支持的格式"),
    ],
}

from tests.reports.url_entries_brief import PAGES as BRIEF_PAGES  # noqa: E402
from tests.reports.url_entries_dashboard import PAGES as DASHBOARD_PAGES  # noqa: E402
from tests.reports.url_entries_seed import PAGES as SEED_PAGES  # noqa: E402

PAGES = {**PAGES, **SEED_PAGES, **DASHBOARD_PAGES, **BRIEF_PAGES}
