from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "jiedao.projects"
    label = "projects"
    verbose_name = "项目"
