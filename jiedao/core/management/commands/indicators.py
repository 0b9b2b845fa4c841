import json

from django.core.management.base import BaseCommand, CommandError

from jiedao.core.figures import Period, all_indicators, as_json_value, as_text, compute
from jiedao.core.models import Area


class Command(BaseCommand):
    help = "计算指标：jiedao indicators --year 2023 [--area 区划代码] [--format json|table]"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="年度")
        parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help="季度（可选）")
        parser.add_argument("--month", type=int, choices=range(1, 13), metavar="1-12", help="月份（可选）")
        parser.add_argument("--area", help="区划代码（默认整个街道）")
        parser.add_argument("--format", choices=["json", "table"], default="table")
        parser.add_argument(
            "--code", action="append", default=[], help="只计算这些指标（可多次使用，可用前缀如 population.）"
        )

    def handle(self, *args, year, quarter, month, area, format, code, **options):
        if quarter and month:
            raise CommandError("--quarter 与 --month 只能选一个")
        period = (
            Period.month(year, month)
            if month
            else Period.quarter(year, quarter)
            if quarter
            else Period.year(year)
        )
        scope = None
        if area:
            scope = Area.objects.filter(code=area).first()
            if scope is None:
                raise CommandError(f"区划代码不存在：{area}")
        indicators = [i for i in all_indicators() if not code or any(i.code.startswith(c) for c in code)]
        results = [compute(i, period, area=scope) for i in indicators]
        if format == "json":
            payload = {r.indicator.code: as_json_value(r.value) for r in results}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{period.label} · {scope.name if scope else '全街道'}")
        for r in results:
            self.stdout.write(
                f"  {r.indicator.code:<36} {r.indicator.name:<16} {as_text(r.value)} {r.indicator.unit}"
            )
