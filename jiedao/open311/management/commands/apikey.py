from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from jiedao.core.models import Area
from jiedao.open311.services import apikey_create


class Command(BaseCommand):
    help = "Open311接口API密钥：`apikey create 名称 --area 区划代码` 生成密钥（只显示一次）"

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        create = commands.add_parser("create", help="生成API密钥")
        create.add_argument("name")
        create.add_argument("--area", help="提交的诉求登记到的社区或网格的区划代码")

    def handle(self, *args, action, name, area=None, **options):
        area_obj = None
        if area:
            area_obj = Area.objects.filter(code=area).first()
            if area_obj is None:
                raise CommandError(f"区域“{area}”不存在")
        try:
            apikey, plain = apikey_create(name=name, area=area_obj)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
        self.stdout.write(f"已生成API密钥“{apikey.name}”，仅显示这一次，请妥善保存：")
        self.stdout.write(plain)
