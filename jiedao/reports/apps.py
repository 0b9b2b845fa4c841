from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "jiedao.reports"
    label = "reports"
    verbose_name = "报告与指标"
