from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from jiedao.excel.engine import import_file
from jiedao.excel.registry import UnknownLedger, all_ledgers, get_ledger

STAGES = {"parse": "校验", "write": "写入"}


class Command(BaseCommand):
    help = "从Excel文件导入台账（全部校验通过才写入）；--list 列出可导入的台账"

    def add_arguments(self, parser):
        parser.add_argument("ledger", nargs="?", help="台账代码")
        parser.add_argument("file", nargs="?", help="Excel文件路径")
        parser.add_argument("--list", action="store_true", help="列出所有台账")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, ledger, file, list: bool, no_progress: bool, **options):
        if list:
            for spec in all_ledgers():
                importable = "可导入" if spec.import_permission else "仅导出"
                self.stdout.write(f"{spec.code:<20} {spec.title}（{importable}）")
            return
        if not ledger or not file:
            raise CommandError("用法：jiedao import <台账代码> <文件>；jiedao import --list 列出台账")
        try:
            spec = get_ledger(ledger)
        except UnknownLedger as exc:
            raise CommandError(str(exc)) from None
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"文件不存在：{file}")
        bars: dict[str, tqdm] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if no_progress:
                return
            bar = bars.get(stage) or bars.setdefault(
                stage, tqdm(total=total, desc=STAGES.get(stage, stage), unit="行", file=self.stderr._out)
            )
            bar.update(done - bar.n)

        job = import_file(spec, path.read_bytes(), file_name=path.name, progress=progress)
        for bar in bars.values():
            bar.close()
        if job.succeeded:
            self.stdout.write(
                self.style.SUCCESS(
                    f"已导入“{spec.title}”{job.rows_total}行：新增{job.rows_created}，更新{job.rows_updated}，未变{job.rows_unchanged}"
                )
            )
            return
        for row, column, reason in job.errors[:50]:
            where = f"第{row}行" if row else "文件"
            self.stderr.write(f"{where}{'【' + column + '】' if column else ''}：{reason}")
        more = f"（仅列出前50处，共{job.error_count}处）" if job.error_count > 50 else ""
        raise CommandError(f"有{job.error_count}处错误，未导入任何数据{more}")
