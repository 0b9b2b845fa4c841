from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "jiedao.targets"
    label = "targets"
    verbose_name = "目标任务"
