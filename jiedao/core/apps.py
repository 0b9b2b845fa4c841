from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jiedao.core"
    label = "core"
    verbose_name = "基础管理"

    def ready(self):
        from . import signals  # noqa: F401  (login/logout audit receivers)
