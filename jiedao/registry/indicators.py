"""Population and places: population.*, religion.sites."""

from jiedao.core.figures import Breakdown, Indicator, register
from jiedao.registry.models import (
    Premises,
    PremisesKind,
    PremisesStatus,
    PremisesSubKind,
    Residence,
    Resident,
)


def registered_at_end(period, residence=None):
    qs = Resident.objects.registered_on(period.end)
    return qs.filter(residence=residence) if residence else qs


def religious_sites(period):
    return Premises.objects.filter(kind=PremisesKind.RELIGIOUS, registered_on__lte=period.end).exclude(
        status=PremisesStatus.CLOSED, closed_on__lte=period.end
    )


register(
    Indicator("population.total", "总人口", "人", "年末在册居民", records=registered_at_end),
    Indicator(
        "population.resident",
        "常住人口",
        "人",
        "年末在册居民中的常住人口",
        records=lambda p: registered_at_end(p, Residence.PERMANENT),
    ),
    Indicator(
        "population.floating",
        "流动人口",
        "人",
        "年末在册居民中的流动人口",
        records=lambda p: registered_at_end(p, Residence.FLOATING),
    ),
    Indicator(
        "religion.sites",
        "宗教活动场所",
        "处",
        "宗教场所，按基督教堂、聚会点、民间信仰场所分列",
        records=religious_sites,
        measure=Breakdown(
            "sub_kind", (PremisesSubKind.CHURCH, PremisesSubKind.MEETING_POINT, PremisesSubKind.FOLK_BELIEF)
        ),
    ),
)
