"""The dashboard pages in the URL × role table (merged by the lead into tests/reports/url_entries.py)."""

from tests.urlcheck import Route, statuses

WORKERS = statuses(200, auditor=403, sysadmin=403)


def _drill(w, area) -> str:
    return f"metric=received&area={area.pk}&start=2024-01-01&end=2024-12-31&asof=2024-12-31&source=hotline"


PAGES = {
    "dashboard": [
        Route(WORKERS, label="本年"),
        Route(WORKERS, query="period=last_year&source=grid", label="上一年"),
        Route(WORKERS, query="period=year&year=2023", label="指定年度"),
    ],
    "dashboard_cases": [
        Route(
            statuses(200, grid_a1=404, grid_a2=404, worker_b=404, auditor=403, sysadmin=403),
            query=lambda w: _drill(w, w.community_a),
            label="社区A",
        ),
        Route(WORKERS, query="metric=received", label="参数不全"),
    ],
}
