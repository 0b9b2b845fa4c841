"""The figures counted from activities and publicity (seed/figures.md).

An activity count is the activities of a type (by its code) whose start date lies in the period; a measure
sum is the sum of that measure's values over the same activities; adoptions count by level and adoption date.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from jiedao.activities.models import Activity, ActivityValue, Adoption, AdoptionLevel
from jiedao.core.figures import Indicator, register


def activities_of(type_code: str):
    def records(period):
        return Activity.objects.filter(type__code=type_code, held_on__range=(period.start, period.end))

    return records


def values_of(type_code: str, measure_code: str):
    def records(period):
        return ActivityValue.objects.filter(
            activity__type__code=type_code,
            activity__held_on__range=(period.start, period.end),
            measure__code=measure_code,
        )

    return records


def adoptions_of(level: str):
    def records(period):
        return Adoption.objects.filter(level=level, adopted_on__range=(period.start, period.end))

    return records


@dataclass(frozen=True)
class MeasureSum:
    """The sum of the values, as a whole number when it is one (人次, 份) and a Decimal otherwise (吨)."""

    field = "value"  # what 指标明细 shows beside each record

    def value(self, records) -> int | Decimal:
        total = records.aggregate(total=Sum("value"))["total"] or Decimal(0)
        return int(total) if total == total.to_integral_value() else total.normalize()


VALUE_AREA = "activity__area"


def _count(code, name, unit, counts, type_code):
    return Indicator(code, name, unit, counts, records=activities_of(type_code))


def _sum(code, name, unit, counts, type_code, measure_code):
    return Indicator(
        code,
        name,
        unit,
        counts,
        records=values_of(type_code, measure_code),
        measure=MeasureSum(),
        area_field=VALUE_AREA,
    )


def _adopted(code, name, level):
    return Indicator(
        code,
        name,
        "篇",
        f"年内被{AdoptionLevel(level).label}级媒体采用的信息稿件",
        records=adoptions_of(level),
        area_field="item__area",
    )


register(
    _count("publicity.ethnic_unity_events", "民族团结宣传活动", "次", "民族团结宣传活动场次", "ethnic_unity"),
    _count(
        "publicity.ethnic_unity_lectures",
        "民族团结宣传教育讲座",
        "次",
        "宣传教育讲座场次",
        "ethnic_unity_lecture",
    ),
    _count("publicity.ideology_meetings", "意识形态部署会", "次", "意识形态部署会场次", "ideology_meeting"),
    _count("publicity.ideology_reviews", "意识形态分析研判会", "次", "分析研判会场次", "ideology_review"),
    _count("publicity.lectures", "线上线下宣讲", "场次", "宣讲场次", "lecture"),
    _sum("publicity.lecture_audience", "宣讲受众", "人次", "宣讲活动受众人次之和", "lecture", "audience"),
    _sum(
        "publicity.science_materials",
        "科普宣传资料",
        "份",
        "科普活动发放材料份数之和",
        "science",
        "materials",
    ),
    _sum("publicity.science_audience", "科普受众", "人", "科普活动受众人次之和", "science", "audience"),
    _adopted("publicity.adopted_central", "中央级媒体采用", AdoptionLevel.CENTRAL),
    _adopted("publicity.adopted_region", "自治区级媒体采用", AdoptionLevel.REGION),
    _adopted("publicity.adopted_city", "市级媒体采用", AdoptionLevel.CITY),
    _adopted("publicity.adopted_district", "区级媒体采用", AdoptionLevel.DISTRICT),
    _count("integrity.warning_sessions", "廉政警示教育", "次", "廉政警示教育场次", "integrity_warning"),
    _sum(
        "integrity.warning_attendance",
        "廉政警示教育受教育人次",
        "人次",
        "廉政警示教育参与人次之和",
        "integrity_warning",
        "participants",
    ),
    _count("org.study_sessions", "强化理论武装专项学习", "次", "专项学习场次", "theory_study"),
    _count("conscription.campaigns", "征兵宣传活动", "次", "征兵宣传活动场次", "conscription"),
    _sum(
        "conscription.materials",
        "征兵宣传材料",
        "份",
        "征兵宣传发放材料份数之和",
        "conscription",
        "materials",
    ),
    _sum("conscription.banners", "宣传条幅", "条", "征兵宣传悬挂条幅之和", "conscription", "banners"),
    _count("environment.campaigns", "大型环境整治活动", "次", "环境整治活动场次", "environment"),
    _sum(
        "environment.participants",
        "整治出动人次",
        "人次",
        "环境整治参与人次之和",
        "environment",
        "participants",
    ),
    _sum("environment.waste_tons", "清理垃圾杂物", "吨", "环境整治清理吨数之和", "environment", "tons"),
    _count("river.cleanups", "河道集中清理", "次", "河道清理活动场次", "river_cleanup"),
    _sum(
        "river.cleanup_participants",
        "河道清理人次",
        "人",
        "河道清理参与人次之和",
        "river_cleanup",
        "participants",
    ),
    _sum("river.cleanup_tons", "清理河岸垃圾", "吨", "河道清理清理吨数之和", "river_cleanup", "tons"),
    _count("care.visits", "慰问活动", "次", "慰问活动场次", "care_visit"),
    _count("care.help_actions", "帮扶活动", "次", "帮扶活动场次", "help_action"),
    _count("culture.festival_events", "重要节假日文娱主题活动", "场", "文娱活动场次", "festival"),
    _count("culture.custom_reform_events", "移风易俗活动", "场", "移风易俗活动场次", "custom_reform"),
    _count("culture.reading_events", "全民阅读活动", "场", "全民阅读活动场次", "reading"),
)
