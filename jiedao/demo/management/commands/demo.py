import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from jiedao.core.demo import DEMO_PASSWORD
from jiedao.demo.builder import build


class Command(BaseCommand):
    help = "构建（或更新）演示街道数据：区域、工作人员、居民、场所、企业……"

    def add_arguments(self, parser):
        parser.add_argument("--fresh", action="store_true", help="清空数据库后从零重建演示数据")

    def handle(self, *args, fresh: bool, **options):
        started = time.monotonic()
        call_command("migrate", interactive=False, verbosity=0)
        if fresh:
            self.stdout.write("正在清空数据库……")
            call_command("flush", interactive=False, verbosity=0)
            call_command("calendar_load", verbosity=0)
        report = build(progress=lambda step: self.stdout.write(f"正在构建：{step}……"))
        self.stdout.write(
            self.style.SUCCESS(
                f"演示数据已就绪（{report.street_name}），用时 {time.monotonic() - started:.1f} 秒"
            )
        )
        self.stdout.write(f"\n演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username, role, area in report.logins:
            self.stdout.write(f"  {username:<14} {role:<16} {area}")
        self.stdout.write(
            "  每个社区另有书记、专职副书记、社区工作者账号，每个网格有网格员账号，见“系统管理 › 工作人员账号”。"
        )
