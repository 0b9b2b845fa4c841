"""jiedao indicator-records CODE --year Y: a figure and the records it counted, as 指标明细 lists them."""

import json

from django.core.management.base import BaseCommand, CommandError

from jiedao.core.figures import as_json_value, get_indicator
from jiedao.core.management.commands.indicators import date_argument, period_of
from jiedao.core.models import Area
from jiedao.reports.records import audit_rows, trace

COMMAND_LINE = "（命令行）"  # the audit row's account name
MSG_AREA = "没有区划代码为“{code}”的区域"
MSG_PART = "指标“{code}”没有“{part}”部分，可选：{parts}"


class Command(BaseCommand):
    help = (
        "指标明细：一项指标的数值和计入的记录："
        "jiedao indicator-records CODE --year Y [--quarter Q | --month M] | --from D --to D"
        " [--area 区划代码] [--part numerator|denominator] [--limit 100] [--format table|json]"
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="指标代码，如 hotline.received")
        parser.add_argument("--year", type=int, help="年度")
        parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help="季度（可选）")
        parser.add_argument("--month", type=int, choices=range(1, 13), metavar="1-12", help="月份（可选）")
        parser.add_argument("--from", dest="start", type=date_argument, help="自定义期间的开始日期")
        parser.add_argument("--to", dest="end", type=date_argument, help="自定义期间的结束日期")
        parser.add_argument("--area", help="区划代码（默认整个街道）")
        parser.add_argument("--part", default="", help="比率的分子 numerator 或分母 denominator（默认分子）")
        parser.add_argument("--limit", type=int, default=100, help="最多列出的记录数（默认100，0为全部）")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, code, area, part, limit, format, **options):
        try:
            indicator = get_indicator(code)
        except LookupError as exc:
            raise CommandError(str(exc)) from None
        period = period_of(
            year=options["year"],
            start=options["start"],
            end=options["end"],
            quarter=options["quarter"],
            month=options["month"],
        )
        scope = None
        if area:
            scope = Area.objects.filter(code=area.strip()).first()
            if scope is None:
                raise CommandError(MSG_AREA.format(code=area))
        traced = trace(indicator, period, area=scope)
        keys = [p.key for p in traced.parts]
        if part and part not in keys:
            raise CommandError(MSG_PART.format(code=code, part=part, parts="、".join(keys)))
        chosen = traced.part(part)
        records = chosen.ordered()
        total = records.count()
        listed = list(records[:limit] if limit else records)
        audit_rows(None, chosen, listed, indicator=code, username=COMMAND_LINE)  # discipline records
        rows = chosen.rows(listed)
        if format == "json":
            payload = {
                "code": code,
                "period": [period.start.isoformat(), period.end.isoformat()],
                "area": scope.code if scope else "",
                "value": as_json_value(traced.result.value),
                "part": chosen.key,
                "part_value": as_json_value(chosen.result.value),
                "records": total,
                "rows": [
                    {"text": r.text, "date": r.day, "area": r.area, "measured": as_json_value(r.measured)}
                    for r in rows
                ],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
            return
        where = scope.name if scope else "全街道"
        self.stdout.write(
            f"{indicator.name}（{code}）· {period.label} · {where}：{traced.value_text} {indicator.unit}"
        )
        self.stdout.write(f"统计口径：{indicator.counts}")
        label = f"{chosen.label}：{chosen.value_text}，" if chosen.key else ""
        self.stdout.write(
            f"{label}共 {total} 条{chosen.model_name}记录"
            + (f"，列出前 {len(rows)} 条" if len(rows) < total else "")
        )
        for r in rows:
            cells = [str(r.number), r.text, r.day, r.area, str(r.measured) if chosen.measured_field else ""]
            self.stdout.write("  " + "\t".join(c for c in cells if c))
