import json

from django.core.management.base import BaseCommand

from jiedao.reports.seed_compare import MISMATCH, MISSING, compare, summary


class Command(BaseCommand):
    help = "指标计算值与种子报告数字逐项比对：jiedao indicators-vs-seed [--year 2023] [--format table|json]"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=2023, help="年度（默认2023）")
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument(
            "--only", choices=["mismatch", "missing"], help="只列出不一致（mismatch）或缺失（missing）的指标"
        )

    def handle(self, *args, year, format, only, **options):
        rows = compare(year)
        counts = summary(rows)
        shown = rows
        if only:
            wanted = MISMATCH if only == "mismatch" else MISSING
            shown = [r for r in rows if r.verdict == wanted]
        if format == "json":
            payload = {"year": year, "summary": counts, "rows": [r.as_dict() for r in shown]}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{year}年计算值 × 种子报告（2023年工作总结）")
        for r in shown:
            line = f"  {r.verdict:<4} {r.code:<36} {r.name:<16} 报告：{r.seed_text:<10} 计算：{r.value_text}"
            if r.reason and r.verdict not in ("一致", "缺失"):
                line += f"  （{r.reason}）"
            self.stdout.write(line)
        self.stdout.write(
            "合计{合计}项：一致{一致}，不一致{不一致}，缺失{缺失}，无数据{无数据}，未列明{未列明}".format(
                **counts
            )
        )
