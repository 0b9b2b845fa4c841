from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from jiedao.core.models import Area
from jiedao.reports.brief.periods import MONTH, QUARTER
from jiedao.reports.brief.services import brief_files, brief_render
from jiedao.reports.services import annual_report_files, annual_report_render

MSG_AREA = "区划代码不存在：{code}"
MSG_OUT = "无法写入输出目录 {path}：{reason}"
MSG_PERIOD = "请用 --month（1至12）或 --quarter（1至4）二者之一指定简报期间"


class Command(BaseCommand):
    help = (
        "生成报告：jiedao report annual --year 2023 --out 目录 [--area 区划代码]；"
        "jiedao report brief --year 2023 (--month 9 | --quarter 3) --out 目录 [--area 区划代码]"
    )

    def add_arguments(self, parser):
        kinds = parser.add_subparsers(dest="kind", required=True, title="报告类型")
        annual = kinds.add_parser("annual", help="年度工作总结（.docx、.md 和所用指标的 .json）")
        annual.add_argument("--year", type=int, required=True, help="年度")
        annual.add_argument("--out", required=True, help="输出目录（不存在时创建）")
        annual.add_argument("--area", help="区划代码（默认整个街道）")
        brief = kinds.add_parser("brief", help="工作简报：月报或季报（.docx 和 .md）")
        brief.add_argument("--year", type=int, required=True, help="年度")
        # One of the two is required; checked in handle() for a Chinese message.
        brief.add_argument("--month", type=int, help="月份（1至12）")
        brief.add_argument("--quarter", type=int, help="季度（1至4）")
        brief.add_argument("--out", required=True, help="输出目录（不存在时创建）")
        brief.add_argument("--area", help="区划代码（默认整个街道）")

    def handle(self, *args, kind, year, out, area, **options):
        scope = None
        if area:
            scope = Area.objects.filter(code=area).first()
            if scope is None:
                raise CommandError(MSG_AREA.format(code=area))
        try:
            if kind == "brief":
                report = brief_render(year=year, **self._period(options), area=scope)
                files = brief_files(report)
            else:
                report = annual_report_render(year=year, area=scope)
                files = annual_report_files(report)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
        folder = Path(out)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for extension, content in files.items():
                path = folder / f"{report.file_stem}.{extension}"
                path.write_bytes(content)
                self.stdout.write(str(path))
        except OSError as exc:
            raise CommandError(MSG_OUT.format(path=folder, reason=exc.strerror or exc)) from None
        if report.missing_codes:
            self.stderr.write(
                f"数据缺失的指标 {len(report.missing_codes)} 项：{'、'.join(report.missing_codes)}"
            )

    @staticmethod
    def _period(options) -> dict:
        month, quarter = options.get("month"), options.get("quarter")
        if (month is None) == (quarter is None):
            raise CommandError(MSG_PERIOD)
        return {"kind": MONTH, "number": month} if month is not None else {"kind": QUARTER, "number": quarter}
