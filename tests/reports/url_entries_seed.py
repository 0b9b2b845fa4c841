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
}
