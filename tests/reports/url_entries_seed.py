"""The 2023-vs-seed pages and 指标年度对比 in the URL × role table (imported by tests/reports/url_entries.py):
readers of the annual report — street leaders and office staff (none in the cast but the leader)."""

from tests.urlcheck import Route, statuses

READERS = statuses(403, leader=200)

PAGES = {
    "seed_compare": [
        Route(READERS, label="默认2023"),
        Route(READERS, query="year=2022&show=mismatch&q=社区", label="筛选"),
    ],
    "seed_compare_export": [Route(READERS, query="show=missing")],
    "indicator_years": [
        Route(READERS, label="默认上一年"),
        Route(READERS, query="year=2023&years=2&group=publicity&q=宣讲", label="筛选"),
        Route(READERS, query=lambda w: f"year=2023&area={w.community_a.pk}", label="社区"),
    ],
    "indicator_years_export": [Route(READERS, query="year=2023&group=hotline")],
    "indicator_records": [
        Route(READERS, kwargs=lambda w: {"code": "org.communities_urban"}, query="year=2023", label="年度"),
        Route(
            READERS,
            kwargs=lambda w: {"code": "hotline.resolution_rate"},
            query=lambda w: f"start=2023-01-01&end=2023-06-30&area={w.community_a.pk}&part=denominator",
            label="比率分母",
        ),
        Route(statuses(403, leader=404), kwargs=lambda w: {"code": "no.such"}, label="未知指标"),
    ],
    "indicator_records_export": [
        Route(READERS, kwargs=lambda w: {"code": "org.communities_urban"}, query="year=2023&quarter=2"),
    ],
}
