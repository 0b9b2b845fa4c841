"""The annual plan as a spreadsheet: one row per target project, a subtotal per kind and a grand total."""

from jiedao.excel.writing import rows_bytes
from jiedao.projects.selectors import PlanGroup, plan_total

HEADERS = [
    "项目类型",
    "项目名称",
    "所属区域",
    "涉及小区",
    "总投资（元）",
    "建筑面积（平方米）",
    "楼栋数",
    "户数",
    "包联领导",
    "项目状态",
    "进度（%）",
    "完工日期",
]
WIDTHS = [14, 28, 14, 30, 16, 16, 8, 8, 10, 10, 10, 12]


def _subtotal(label: str, group: PlanGroup) -> list:
    return [
        label,
        f"{group.count}个（已完工{group.completed}个）",
        "",
        "",
        group.budget,
        group.floor_area,
        group.buildings,
        group.households,
        "",
        "",
        group.progress,
        "",
    ]


def plan_rows(groups: list[PlanGroup]):
    for group in groups:
        for p in group.projects:
            yield [
                p.get_kind_display(),
                p.name,
                p.area.name,
                "、".join(c.name for c in p.compounds.all()),
                p.budget,
                p.floor_area,
                p.buildings,
                p.households,
                p.leader.display_name if p.leader_id else "",
                p.get_status_display(),
                p.progress,
                p.completed_on,
            ]
        yield _subtotal(f"{group.kind.label}小计", group)
    if groups:
        yield _subtotal("合计", plan_total(groups))


def plan_xlsx(year: int, groups: list[PlanGroup]) -> bytes:
    return rows_bytes(f"{year}年度计划", HEADERS, plan_rows(groups), WIDTHS)
