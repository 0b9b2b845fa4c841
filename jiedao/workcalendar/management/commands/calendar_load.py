from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from jiedao.workcalendar import package, services


class Command(BaseCommand):
    help = "从 chinesecalendar 软件包（重新）载入法定节假日与调休上班日；重复运行结果不变。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, action="append", dest="years", help="只载入该年度（可重复）；默认载入全部年度"
        )

    def handle(self, *args, years=None, **options):
        try:
            summary = services.calendar_load_from_package(years=years)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        loaded = summary["years"]
        span = f"{loaded[0]}年" if len(loaded) == 1 else f"{loaded[0]}–{loaded[-1]}年"
        self.stdout.write(
            self.style.SUCCESS(
                f"已从 chinesecalendar {package.VERSION} 载入{len(loaded)}个年度（{span}）："
                f"新增{summary['created']}天，更新{summary['updated']}天，"
                f"删除{summary['deleted']}天，未变{summary['unchanged']}天。"
            )
        )
