from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jiedao.excel.registry import UnknownLedger, get_ledger
from jiedao.excel.services import export_ledger


class Command(BaseCommand):
    help = "把台账导出为Excel文件（默认脱敏，--full 导出完整信息）"

    def add_arguments(self, parser):
        parser.add_argument("ledger", help="台账代码，见 jiedao import --list")
        parser.add_argument("file", help="输出文件路径")
        parser.add_argument("--full", action="store_true", help="导出完整身份证号码、电话（记入审计日志）")
        parser.add_argument(
            "--filter", action="append", default=[], metavar="字段=值", help="筛选条件，可多次使用"
        )

    def handle(self, *args, ledger: str, file: str, full: bool, filter: list[str], **options):
        try:
            spec = get_ledger(ledger)
        except UnknownLedger as exc:
            raise CommandError(str(exc)) from None
        params = {}
        for item in filter:
            key, sep, value = item.partition("=")
            if not sep:
                raise CommandError(f"筛选条件格式应为 字段=值：{item}")
            params[key] = value
        data, count = export_ledger(spec, user=None, params=params, full=full)
        Path(file).write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"已导出“{spec.title}”{count}行到 {file}"))
