from django.apps import AppConfig


class ExcelConfig(AppConfig):
    name = "jiedao.excel"
    label = "excel"
    verbose_name = "导入导出"

    def ready(self):
        from jiedao.excel.registry import autodiscover

        autodiscover()
