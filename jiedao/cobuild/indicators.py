"""Co-building and compound governance: cobuild.list_items, cobuild.completion_rate,
civilization.rectifications, waste.compounds_covered, waste.bins, property.committees_coverage.

Items of the 三项清单 belong to the year they are listed for; an item counts as completed when it was completed
by the period's end. Bins and committees are stocks at the period's end; compounds have no dates, so every
compound of the register is in the denominator of the committees' coverage.
"""

from jiedao.cobuild.models import CobuildItem, ItemStatus, PropertyCommittee, Rectification, WasteFacility
from jiedao.core.figures import CountDistinct, Indicator, Part, Ratio, SumOf, register
from jiedao.registry.models import Compound


def items_of(period):
    return CobuildItem.objects.filter(year__gte=period.start.year, year__lte=period.end.year)


def items_completed(period):
    return items_of(period).filter(status=ItemStatus.COMPLETED, completed_on__lte=period.end)


def bins_at_end(period):
    return WasteFacility.objects.filter(installed_on__lte=period.end, count__gt=0)


def committees_at_end(period):
    return PropertyCommittee.objects.active_on(period.end)


def compounds(period):
    return Compound.objects.all()


register(
    Indicator("cobuild.list_items", "需求资源项目三项清单", "条", "本年度的三项清单事项", records=items_of),
    Indicator(
        "cobuild.completion_rate",
        "三项清单完成率",
        "%",
        "本年度三项清单中年末已完成的事项 ÷ 本年度三项清单事项",
        measure=Ratio(Part(items_completed), Part(items_of)),
    ),
    Indicator(
        "civilization.rectifications",
        "创城整改",
        "项",
        "年内发现并登记的创城整改事项",
        records=lambda p: Rectification.objects.all(),
        date_field="found_on",
    ),
    Indicator(
        "waste.compounds_covered",
        "垃圾分类覆盖小区",
        "个",
        "年末设有分类垃圾桶的小区",
        records=bins_at_end,
        measure=CountDistinct("compound"),
    ),
    Indicator(
        "waste.bins",
        "四分类垃圾桶",
        "个",
        "年末各小区四分类垃圾桶数量之和",
        records=bins_at_end,
        measure=SumOf("count"),
    ),
    Indicator(
        "property.committees_coverage",
        "成立物管会小区占比",
        "%",
        "年末有在任物管会的小区 ÷ 小区总数",
        measure=Ratio(Part(committees_at_end), Part(compounds)),
    ),
)
