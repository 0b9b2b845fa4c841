from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from jiedao.api.models import ApiToken
from jiedao.api.services import apitoken_create, apitoken_revoke
from jiedao.core.models import User


class Command(BaseCommand):
    help = "个人API令牌：`apitoken create 账号 名称` 生成令牌（只显示一次），`apitoken revoke 编号` 吊销"

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        create = commands.add_parser("create", help="为账号生成API令牌")
        create.add_argument("username", help="令牌代表的账号")
        create.add_argument("name", help="令牌名称（使用它的程序或用途）")
        revoke = commands.add_parser("revoke", help="吊销API令牌")
        revoke.add_argument("token_id", type=int, help="令牌编号（create 时显示，或见系统管理 › API令牌）")

    def handle(self, *args, action, **options):
        if action == "create":
            self._create(options["username"], options["name"])
        else:
            self._revoke(options["token_id"])

    def _create(self, username: str, name: str):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"账号“{username}”不存在")
        try:
            token, plain = apitoken_create(user=user, name=name)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
        self.stdout.write(
            f"已为账号“{username}”生成API令牌“{token.name}”（编号 {token.pk}），仅显示这一次，请妥善保存："
        )
        self.stdout.write(plain)

    def _revoke(self, token_id: int):
        token = ApiToken.objects.select_related("user").filter(pk=token_id).first()
        if token is None:
            raise CommandError(f"令牌编号 {token_id} 不存在")
        was_active = token.is_active
        token = apitoken_revoke(token=token)
        verb = "已吊销" if was_active else "此前已吊销"
        self.stdout.write(f"{verb}账号“{token.user.username}”的API令牌“{token.name}”（{token.prefix}…）")
