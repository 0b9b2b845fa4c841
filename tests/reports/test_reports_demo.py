from jiedao.reports.demo import build_reports_demo
from jiedao.reports.models import AnnualReport, ReportStatus


def test_it_saves_the_2023_summary_once(world):
    report = build_reports_demo(world.street)
    assert (report.year, report.status, report.sections) == (2023, ReportStatus.FINAL, {})
    build_reports_demo(world.street)
    assert AnnualReport.objects.get().version == 1
