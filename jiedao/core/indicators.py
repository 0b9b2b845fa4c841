"""Indicators computed from the area tree and staff appointments (一、基层自身建设 › 组织体系)."""

from django.db.models import Exists, OuterRef

from jiedao.core.figures import CountDistinct, Indicator, Part, Ratio, register
from jiedao.core.models import Area, AreaLevel, CommunityType, Role, RoleAssignment

DEPUTY_TITLE = "专职副书记"


def communities_at_end(period, community_type=None):
    qs = Area.objects.filter(level=AreaLevel.COMMUNITY).active_on(period.end)
    return qs.filter(community_type=community_type) if community_type else qs


def secretary_replacements(period):
    """Secretaries appointed in the period to a community that had a secretary before them."""
    predecessor = RoleAssignment.objects.filter(
        role=Role.COMMUNITY_SECRETARY,
        area=OuterRef("area"),
        start_date__lt=OuterRef("start_date"),
        end_date__isnull=False,
        end_date__lte=OuterRef("start_date"),
    )
    return RoleAssignment.objects.filter(role=Role.COMMUNITY_SECRETARY).filter(
        Exists(predecessor), area__community_type=CommunityType.URBAN
    )


def post90_deputies(period):
    """Communities (at the period's end) with a 专职副书记 born in 1990 or later holding the post then."""
    on = period.end
    deputies = RoleAssignment.objects.active(on).filter(
        area=OuterRef("pk"), role=Role.COMMUNITY_WORKER, title=DEPUTY_TITLE, user__birth_date__year__gte=1990
    )
    return communities_at_end(period).filter(Exists(deputies))


register(
    Indicator(
        "org.communities_urban",
        "城市社区",
        "个",
        "年末现行的城市社区",
        records=lambda p: communities_at_end(p, CommunityType.URBAN),
        area_field="",
    ),
    Indicator(
        "org.communities_village",
        "村转居社区",
        "个",
        "年末现行的村转居社区",
        records=lambda p: communities_at_end(p, CommunityType.VILLAGE),
        area_field="",
    ),
    Indicator(
        "org.secretaries_replaced",
        "社区书记完成更换",
        "个",
        "年内更换了社区书记的城市社区",
        records=secretary_replacements,
        measure=CountDistinct("area"),
        date_field="start_date",
    ),
    Indicator(
        "org.post90_deputies_coverage",
        "90后专职副书记配备率",
        "%",
        "配备1990年后出生专职副书记的社区 ÷ 社区总数（年末）",
        measure=Ratio(
            numerator=Part(post90_deputies, area_field=""),
            denominator=Part(lambda p: communities_at_end(p), area_field=""),
        ),
    ),
)
