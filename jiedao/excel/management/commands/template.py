from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jiedao.excel.registry import UnknownLedger, get_ledger
from jiedao.excel.writing import template_bytes


class Command(BaseCommand):
    help = "生成台账的导入模板（.xlsx）"

    def add_arguments(self, parser):
        parser.add_argument("ledger", help="台账代码，见 jiedao import --list")
        parser.add_argument("file", help="输出文件路径")

    def handle(self, *args, ledger: str, file: str, **options):
        try:
            spec = get_ledger(ledger)
        except UnknownLedger as exc:
            raise CommandError(str(exc)) from None
        Path(file).write_bytes(template_bytes(spec))
        self.stdout.write(self.style.SUCCESS(f"已生成“{spec.title}”模板：{file}"))
