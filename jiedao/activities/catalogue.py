"""The activity types and measures every install starts with (the ones the 2023 annual report counts).

`seed_activity_types()` is idempotent: it creates what is missing, adds missing measures to a type, and fills
a type's office when the office exists and the type has none — it never overwrites what staff changed. The
data migration calls it with the historical models; the demo calls it again once the offices exist.
"""

# (code, name, unit, decimal places)
MEASURES = [
    ("participants", "参与人次", "人次", 0),
    ("audience", "受众人次", "人次", 0),
    ("materials", "发放材料份数", "份", 0),
    ("banners", "悬挂条幅", "条", 0),
    ("tons", "清理吨数", "吨", 1),
    ("problems", "发现问题", "个", 0),
]

# (code, name, office code, measure codes). 场次 is the record itself, not a measure.
TYPES = [
    ("ethnic_unity", "民族团结宣传", "djb", ["participants", "materials"]),
    ("ethnic_unity_lecture", "宣传教育讲座", "djb", ["audience"]),
    ("integrity_warning", "廉政警示教育", "jgw", ["participants"]),
    ("theory_study", "专项学习", "djb", ["participants"]),
    ("ideology_meeting", "意识形态部署会", "djb", ["participants"]),
    ("ideology_review", "分析研判会", "djb", ["participants"]),
    ("lecture", "宣讲", "djb", ["audience"]),
    ("science", "科普", "dzb", ["materials", "audience"]),
    ("conscription", "征兵宣传", "dzb", ["materials", "banners"]),
    ("environment", "环境整治", "cgb", ["participants", "tons", "problems"]),
    ("river_cleanup", "河道清理", "cgb", ["participants", "tons", "problems"]),
    ("care_visit", "慰问", "mzb", ["participants"]),
    ("help_action", "帮扶", "mzb", ["participants"]),
    ("festival", "文娱", "dzb", ["participants"]),
    ("custom_reform", "移风易俗", "dzb", ["participants", "audience"]),
    ("reading", "全民阅读", "dzb", ["participants"]),
]


def seed_activity_types(measure_model=None, type_model=None, office_model=None) -> None:
    """Create the standard measures and types (pass historical models from a migration)."""
    if measure_model is None:
        from jiedao.activities.models import ActivityType, Measure
        from jiedao.core.models import Office

        measure_model, type_model, office_model = Measure, ActivityType, Office
    measures = {}
    for order, (code, name, unit, places) in enumerate(MEASURES, start=1):
        measure = measure_model.objects.filter(code=code).first()
        if measure is None:
            measure = measure_model.objects.create(
                code=code, name=name, unit=unit, decimal_places=places, sort_order=order * 10
            )
        measures[code] = measure
    offices = {o.code: o for o in office_model.objects.all()}
    for order, (code, name, office_code, measure_codes) in enumerate(TYPES, start=1):
        kind = type_model.objects.filter(code=code).first()
        if kind is None:
            kind = type_model.objects.create(
                code=code, name=name, office=offices.get(office_code), sort_order=order * 10
            )
            kind.measures.add(*[measures[m] for m in measure_codes])
        elif kind.office_id is None and office_code in offices:
            kind.office = offices[office_code]
            kind.save(update_fields=["office"])
