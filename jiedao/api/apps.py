from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "jiedao.api"
    label = "api"
    verbose_name = "JSON接口"
