"""The demo's targets: the annual tasks the 2023 report measures itself against — 兵役登记 120人 (完成率 100%) and
两癌筛查 600人 (完成率 107.83%) for the street, the 兵役登记 task split over the 11 communities — and the 2024 plan
of the report's last section as targets for 2024 (plan.*: 4 key projects, 9 old compounds, 22.44万 m², 50
buildings, 2327 households).

Deterministic (no randomness) and idempotent (returns at once when the street's 2023 兵役登记 target exists);
written through the services."""

from decimal import Decimal

from django.db import transaction

from jiedao.core.models import Area
from jiedao.targets import services
from jiedao.targets.models import Target

STREET_TARGETS = [
    # (code, year, value, note)
    ("conscription.registered", 2023, "120", "区人武部下达的年度兵役登记任务"),
    ("conscription.registration_rate", 2023, "100", "兵役登记完成率目标"),
    ("health.cancer_screenings", 2023, "600", "区卫健委下达的年度两癌筛查任务"),
    ("plan.key_projects", 2024, "4", "2024年工作计划：城发绿园、金汇佳苑、熙湖国际、祥生澜庭樾"),
    ("plan.renovation_compounds", 2024, "9", "2024年工作计划：老旧小区改造"),
    ("plan.renovation_area", 2024, "224400", "2024年工作计划：改造面积22.44万平方米"),
    ("plan.renovation_buildings", 2024, "50", "2024年工作计划：改造楼栋"),
    ("plan.renovation_households", 2024, "2327", "2024年工作计划：改造户数"),
]
COMMUNITY_REGISTRATIONS = 120  # 兵役登记, split over the communities (the first ones take the remainder)


@transaction.atomic
def build_target_demo(street: Area) -> None:
    if Target.objects.filter(code="conscription.registered", year=2023, area=street).exists():
        return
    for code, year, value, note in STREET_TARGETS:
        services.target_create(code=code, area=street, year=year, value=Decimal(value), note=note)
    communities = list(
        Area.objects.communities().current().filter(path__startswith=street.path).order_by("code")
    )
    if not communities:
        return
    share, extra = divmod(COMMUNITY_REGISTRATIONS, len(communities))
    for n, community in enumerate(communities):
        services.target_create(
            code="conscription.registered",
            area=community,
            year=2023,
            value=Decimal(share + (1 if n < extra else 0)),
            note="街道分解到社区的兵役登记任务",
        )
