from django.apps import AppConfig


class EnterprisesConfig(AppConfig):
    name = "jiedao.enterprises"
    label = "enterprises"
    verbose_name = "经济名录"
