import argparse
import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from jiedao.core.figures import Period, all_indicators, as_json_value, as_text, compute
from jiedao.core.models import Area


class Command(BaseCommand):
    help = (
        "计算指标：jiedao indicators --year 2023 [--quarter Q | --month M] | --from 2023-01-01 --to 2023-06-30"
        " [--area 区划代码] [--format json|table]"
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="年度")
        parser.add_argument(
            "--from", dest="start", type=date_argument, help="自定义期间的开始日期（YYYY-MM-DD）"
        )
        parser.add_argument("--to", dest="end", type=date_argument, help="自定义期间的结束日期（YYYY-MM-DD）")
        parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help="季度（可选）")
        parser.add_argument("--month", type=int, choices=range(1, 13), metavar="1-12", help="月份（可选）")
        parser.add_argument("--area", help="区划代码（默认整个街道）")
        parser.add_argument("--format", choices=["json", "table"], default="table")
        parser.add_argument(
            "--code", action="append", default=[], help="只计算这些指标（可多次使用，可用前缀如 population.）"
        )

    def handle(self, *args, year, start, end, quarter, month, area, format, code, **options):
        period = period_of(year=year, start=start, end=end, quarter=quarter, month=month)
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


def date_argument(text: str) -> date:
    """An argparse type: a YYYY-MM-DD date, or the error in Chinese."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{text}") from None


def period_of(*, year=None, start=None, end=None, quarter=None, month=None) -> Period:
    """The period the options name: --from/--to, or --year with an optional --quarter or --month."""
    if start or end:
        if not (start and end):
            raise CommandError("自定义期间请同时给出 --from 和 --to")
        if year or quarter or month:
            raise CommandError("--from/--to 不能与 --year、--quarter、--month 同用")
        if end < start:
            raise CommandError("--to 不能早于 --from")
        return Period.between(start, end)
    if not year:
        raise CommandError("请给出 --year，或用 --from 和 --to 指定期间")
    if quarter and month:
        raise CommandError("--quarter 与 --month 只能选一个")
    if month:
        return Period.month(year, month)
    if quarter:
        return Period.quarter(year, quarter)
    return Period.year(year)
