"""What every page needs to draw the navigation: the modules this user may open and the roles they hold."""

from dataclasses import dataclass

from django.urls import reverse

from jiedao.core.permissions import USE_ADMIN, VIEW_AREAS, VIEW_AUDIT_LOG, active_roles


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    icon: str  # a Bootstrap Icons name, e.g. "house"
    perm: str | tuple[str, ...] | None = None  # a tuple: any one of them
    description: str = ""
    section: str | tuple[str, ...] = (
        ""  # view names starting with this (or one of these) mark the item active
    )

    @property
    def url(self) -> str:
        return reverse(self.url_name)


# The modules of the platform, in menu order. A module appears only for users holding its permission.
MODULES = [
    NavItem("工作台", "workbench", "speedometer2", None, "我的角色、辖区和可用功能", "workbench"),
    NavItem("工单", "case_queue", "inbox", "cases.view_case", "待我处理、工单查询与办理", "case_"),
    NavItem(
        "工单统计", "kpis", "bar-chart-line", "cases.view_case", "受理、办结、退单、满意率等工单指标", "kpis"
    ),
    NavItem("区域管理", "area_list", "diagram-3", VIEW_AREAS, "街道、社区、网格及区划变更", "area_"),
    NavItem(
        "工作日历", "calendar_year", "calendar3", None, "法定节假日、调休上班日与工作日计算", "calendar_"
    ),
    NavItem(
        "居民",
        "resident_list",
        "people",
        "registry.view_resident",
        "实有人口：查询、登记、变动与标签",
        "resident_",
    ),
    NavItem(
        "户",
        "household_list",
        "house-door",
        "registry.view_household",
        "按地址、户编号查询户及其成员",
        "household_",
    ),
    NavItem(
        "小区楼栋",
        "compound_list",
        "buildings",
        "registry.view_compound",
        "小区、楼栋及其户数、人数",
        ("compound_", "building_"),
    ),
    NavItem(
        "场所",
        "premises_list",
        "shop",
        "registry.view_premises",
        "商铺、三合一、九小、宗教等场所",
        "premises_",
    ),
    NavItem(
        "人口统计",
        "population_stats",
        "bar-chart",
        "registry.view_resident",
        "按社区、网格统计人口、年龄段与标签",
        "population_",
    ),
    NavItem(
        "经济名录",
        "enterprise_list",
        "building",
        "enterprises.view_enterprise",
        "经济名录库、实地核查与招商引资",
        ("enterprise_", "visit_", "lead_"),
    ),
    NavItem(
        "导入导出",
        "excel_center",
        "file-earmark-spreadsheet",
        ("registry.view_compound", "registry.export_resident", "enterprises.view_enterprise"),
        "各类台账的Excel模板、导入与导出",
        "excel_",
    ),
    NavItem("审计日志", "audit_list", "shield-check", VIEW_AUDIT_LOG, "登录、权限、授权等安全事件", "audit_"),
    NavItem("系统管理", "admin:index", "gear", USE_ADMIN, "账号、角色授权、科室、区划与日历维护", "admin:"),
]


def modules_for(user) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    return [m for m in MODULES if _may_open(user, m.perm)]


def _may_open(user, perm) -> bool:
    if perm is None:
        return True
    if isinstance(perm, tuple):
        return any(user.has_perm(p) for p in perm)
    return user.has_perm(perm)


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "user_roles": []}
    current = request.resolver_match.view_name if request.resolver_match else ""
    items = [
        {"label": m.label, "url": m.url, "icon": m.icon, "active": current.startswith(m.section)}
        for m in modules_for(user)
    ]
    return {"nav_items": items, "user_roles": active_roles(user)}
