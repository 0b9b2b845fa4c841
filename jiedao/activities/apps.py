from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "jiedao.activities"
    label = "activities"
    verbose_name = "活动与宣传台账"
