import json

from django.core.management.base import BaseCommand, CommandError

from jiedao.core.models import Area
from jiedao.reports.years import (
    DEFAULT_YEARS,
    MAX_YEARS,
    YearTable,
    default_year,
    grouped,
    trend_counts,
    value_text,
)

MSG_AREA = "没有区划代码为“{code}”的区域"
MSG_YEARS = "对比年数应在1至{max}之间"


class Command(BaseCommand):
    help = (
        "指标年度对比：每项指标最近N年的数值及较上年增减："
        "jiedao indicator-years [--year Y] [--years 3] [--format table|json] [--area 区划代码]"
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None, help="截止年度（默认上一年）")
        parser.add_argument(
            "--years", type=int, default=DEFAULT_YEARS, help=f"对比年数（默认{DEFAULT_YEARS}）"
        )
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument("--area", help="区划代码（默认全部区域）")

    def handle(self, *args, year, years, format, area, **options):
        if not 1 <= years <= MAX_YEARS:
            raise CommandError(MSG_YEARS.format(max=MAX_YEARS))
        scope = None
        if area:
            scope = Area.objects.filter(code=area.strip()).first()
            if scope is None:
                raise CommandError(MSG_AREA.format(code=area))
        table = YearTable(year or default_year(), years, area=scope)
        rows = table.rows()
        if format == "json":
            payload = {
                "year": table.year,
                "years": table.years,
                "area": scope.code if scope else None,
                "rows": [r.as_dict() for r in rows],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        where = scope.name if scope else "全部区域"
        self.stdout.write(f"指标年度对比（{table.years[0]}—{table.year}年，{where}）")
        header = "  ".join(f"{y}年" for y in table.years)
        self.stdout.write(f"  {'指标代码':<34} {'名称':<14} {header}  较上年")
        for group in grouped(rows):
            self.stdout.write(f"【{group.name}】")
            for r in group.rows:
                cells = "  ".join(f"{value_text(v, r.unit):>6}" for v in r.values)
                change = r.change.text
                if r.change.percent is not None:
                    change += f"（{r.change.percent_text}）"
                self.stdout.write(f"  {r.code:<36} {r.name:<16} {cells}  {change}")
        counts = trend_counts(rows)
        self.stdout.write(f"合计{len(rows)}项：" + "，".join(f"{k}{v}" for k, v in counts.items()))
