from django.apps import AppConfig


class WorkCalendarConfig(AppConfig):
    name = "jiedao.workcalendar"
    label = "workcalendar"
    verbose_name = "工作日历"

    def ready(self):
        from . import signals  # noqa: F401  (drop the per-process calendar cache on every change)
