from django.apps import AppConfig


class CobuildConfig(AppConfig):
    name = "jiedao.cobuild"
    label = "cobuild"
    verbose_name = "共建与小区治理"
