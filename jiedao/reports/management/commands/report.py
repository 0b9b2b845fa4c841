from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from jiedao.core.models import Area
from jiedao.reports.services import annual_report_files, annual_report_render

MSG_AREA = "区划代码不存在：{code}"
MSG_OUT = "无法写入输出目录 {path}：{reason}"


class Command(BaseCommand):
    help = "生成报告：jiedao report annual --year 2023 --out 目录 [--area 区划代码]"

    def add_arguments(self, parser):
        kinds = parser.add_subparsers(dest="kind", required=True, title="报告类型")
        annual = kinds.add_parser("annual", help="年度工作总结（.docx、.md 和所用指标的 .json）")
        annual.add_argument("--year", type=int, required=True, help="年度")
        annual.add_argument("--out", required=True, help="输出目录（不存在时创建）")
        annual.add_argument("--area", help="区划代码（默认整个街道）")

    def handle(self, *args, kind, year, out, area, **options):
        scope = None
        if area:
            scope = Area.objects.filter(code=area).first()
            if scope is None:
                raise CommandError(MSG_AREA.format(code=area))
        try:
            report = annual_report_render(year=year, area=scope)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
        folder = Path(out)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for extension, content in annual_report_files(report).items():
                path = folder / f"{report.file_stem}.{extension}"
                path.write_bytes(content)
                self.stdout.write(str(path))
        except OSError as exc:
            raise CommandError(MSG_OUT.format(path=folder, reason=exc.strerror or exc)) from None
        if report.missing_codes:
            self.stderr.write(
                f"数据缺失的指标 {len(report.missing_codes)} 项：{'、'.join(report.missing_codes)}"
            )
