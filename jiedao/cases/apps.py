from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "jiedao.cases"
    label = "cases"
    verbose_name = "工单"
