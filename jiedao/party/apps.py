from django.apps import AppConfig


class PartyConfig(AppConfig):
    name = "jiedao.party"
    label = "party"
    verbose_name = "党建与廉政"
