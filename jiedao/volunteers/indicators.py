"""Volunteer service: care.teams (暖心小分队 active at the period's end)."""

from jiedao.core.figures import Indicator, register
from jiedao.volunteers.models import TeamKind, VolunteerTeam


def warm_heart_teams(period):
    return VolunteerTeam.objects.active_on(period.end).filter(kind=TeamKind.WARM_HEART)


register(
    Indicator("care.teams", "暖心小分队", "支", "年末在册的暖心小分队", records=warm_heart_teams),
)
