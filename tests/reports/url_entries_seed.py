"""The 2023-vs-seed pages in the URL × role table (imported by tests/reports/url_entries.py): readers of the
annual report — street leaders and office staff (none in the cast but the leader)."""

from tests.urlcheck import Route, statuses

READERS = statuses(403, leader=200)

PAGES = {
    "seed_compare": [
        Route(READERS, label="默认2023"),
        Route(READERS, query="year=2022&show=mismatch&q=社区", label="筛选"),
    ],
    "seed_compare_export": [Route(READERS, query="show=missing")],
}
