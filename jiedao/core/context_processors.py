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
    # View names starting with this (or one of these) mark the item active; the longest match wins.
    section: str | tuple[str, ...] = ""
    group: str = ""  # the menu heading it sits under

    @property
    def url(self) -> str:
        return reverse(self.url_name)


# The modules of the platform, in menu order and in groups (the menu's headings). A module appears only for
# users holding its permission.
MODULES = [
    NavItem("工作台", "workbench", "speedometer2", None, "我的角色、辖区和可用功能", "workbench"),
    NavItem(
        "工单", "case_queue", "inbox", "cases.view_case", "待我处理、工单查询与办理", "case_", group="工单"
    ),
    NavItem(
        "工单统计",
        "kpis",
        "bar-chart-line",
        "cases.view_case",
        "受理、办结、退单、满意率等工单指标",
        "kpis",
        group="工单",
    ),
    NavItem(
        "居民",
        "resident_list",
        "people",
        "registry.view_resident",
        "实有人口：查询、登记、变动与标签",
        "resident_",
        group="基础信息",
    ),
    NavItem(
        "户",
        "household_list",
        "house-door",
        "registry.view_household",
        "按地址、户编号查询户及其成员",
        "household_",
        group="基础信息",
    ),
    NavItem(
        "小区楼栋",
        "compound_list",
        "buildings",
        "registry.view_compound",
        "小区、楼栋及其户数、人数",
        ("compound_", "building_"),
        group="基础信息",
    ),
    NavItem(
        "场所",
        "premises_list",
        "shop",
        "registry.view_premises",
        "商铺、三合一、九小、宗教等场所",
        "premises_",
        group="基础信息",
    ),
    NavItem(
        "人口统计",
        "population_stats",
        "bar-chart",
        "registry.view_resident",
        "按社区、网格统计人口、年龄段与标签",
        "population_",
        group="基础信息",
    ),
    NavItem(
        "经济名录",
        "enterprise_list",
        "building",
        "enterprises.view_enterprise",
        "经济名录库、实地核查与招商引资",
        ("enterprise_", "visit_", "lead_"),
        group="基础信息",
    ),
    NavItem(
        "区域管理",
        "area_list",
        "diagram-3",
        VIEW_AREAS,
        "街道、社区、网格及区划变更",
        "area_",
        group="基础信息",
    ),
    NavItem(
        "活动台账",
        "activity_list",
        "calendar-event",
        "activities.view_activity",
        "宣讲、整治、慰问等各类活动的场次与计量值",
        "activity_",
        group="台账",
    ),
    NavItem(
        "活动统计",
        "activity_totals",
        "bar-chart-steps",
        "activities.view_activity",
        "按活动类型、月份、社区汇总场次与计量值",
        "activity_totals",
        group="台账",
    ),
    NavItem(
        "信息宣传",
        "infoitem_list",
        "megaphone",
        "activities.view_infoitem",
        "信息稿件与各级媒体采用",
        ("infoitem_", "adoption_"),
        group="台账",
    ),
    NavItem(
        "项目",
        "project_list",
        "kanban",
        "projects.view_project",
        "重点项目、老旧小区改造、民生微实事、遗留项目",
        ("project_", "milestone_"),
        group="台账",
    ),
    NavItem(
        "年度计划",
        "project_plan",
        "calendar-check",
        "projects.view_project",
        "年度计划目标项目的完成情况",
        "project_plan",
        group="台账",
    ),
    NavItem(
        "共建清单",
        "cobuild_item_list",
        "people-fill",
        "cobuild.view_cobuilditem",
        "需求、资源、项目三项清单与完成情况",
        "cobuild_",
        group="台账",
    ),
    NavItem(
        "创城整改",
        "rectification_list",
        "clipboard-check",
        "cobuild.view_rectification",
        "文明城市创建问题整改",
        "rectification_",
        group="台账",
    ),
    NavItem(
        "垃圾分类",
        "waste_list",
        "trash3",
        "cobuild.view_wastefacility",
        "各小区四分类垃圾桶配置",
        "waste_",
        group="台账",
    ),
    NavItem(
        "物管会",
        "committee_list",
        "house-gear",
        "cobuild.view_propertycommittee",
        "小区物业管理委员会",
        "committee_",
        group="台账",
    ),
    NavItem(
        "志愿服务",
        "volunteer_team_list",
        "heart",
        "volunteers.view_volunteerteam",
        "志愿服务队伍、队员、服务记录与荣誉",
        ("volunteer_", "service_record_", "team_honour_"),
        group="台账",
    ),
    NavItem(
        "荣誉",
        "party_honour_list",
        "award",
        "party.view_honour",
        "文明社区、文明示范小区等荣誉",
        "party_honour_",
        group="台账",
    ),
    NavItem(
        "党建",
        "party_branch_list",
        "flag",
        "party.view_partybranch",
        "党支部、党员与网评员等工作人员职责",
        "party_",
        group="党建廉政",
    ),
    NavItem(
        "廉政",
        "party_archive_list",
        "shield-lock",
        "party.view_integrityarchive",
        "廉政档案与执纪记录（查阅留痕）",
        ("party_archive_", "party_discipline_"),
        group="党建廉政",
    ),
    NavItem(
        "领导驾驶舱",
        "dashboard",
        "speedometer",
        ("cases.view_case", "registry.view_resident"),
        "关键指标与同比、工单与人口图表，点击数字查看明细",
        "dashboard",
        group="报告",
    ),
    NavItem(
        "年度工作总结",
        "annual_report",
        "file-earmark-word",
        "reports.view_annualreport",
        "由台账数据生成的年度工作总结（Word、Markdown），叙述可编辑",
        ("annual_report",),
        group="报告",
    ),
    NavItem(
        "工作简报",
        "brief_report",
        "file-earmark-text",
        "reports.view_annualreport",
        "按月、按季度生成的工作简报（Word、Markdown）",
        "brief_report",
        group="报告",
    ),
    NavItem(
        "指标比对",
        "seed_compare",
        "clipboard-data",
        "reports.view_annualreport",
        "2023年计算值与年度工作总结逐项比对，列出不一致和缺失",
        "seed_compare",
        group="报告",
    ),
    NavItem(
        "指标年度对比",
        "indicator_years",
        "graph-up",
        "reports.view_annualreport",
        "各项指标近三年数值及较上年增减",
        "indicator_years",
        group="报告",
    ),
    NavItem(
        "目标任务",
        "target_list",
        "bullseye",
        "targets.view_target",
        "各指标年度目标与完成率（兵役登记、两癌筛查、年度计划）",
        "target_",
        group="报告",
    ),
    NavItem(
        "活动类型",
        "activitytype_list",
        "tags",
        "activities.change_activitytype",
        "定义活动类型及其计量项",
        ("activitytype_", "measure_"),
        group="系统",
    ),
    NavItem(
        "工作日历",
        "calendar_year",
        "calendar3",
        None,
        "法定节假日、调休上班日与工作日计算",
        "calendar_",
        group="系统",
    ),
    NavItem(
        "导入导出",
        "excel_center",
        "file-earmark-spreadsheet",
        ("registry.view_compound", "registry.export_resident", "enterprises.view_enterprise"),
        "各类台账的Excel模板、导入与导出",
        "excel_",
        group="系统",
    ),
    NavItem(
        "审计日志",
        "audit_list",
        "shield-check",
        VIEW_AUDIT_LOG,
        "登录、权限、授权等安全事件",
        "audit_",
        group="系统",
    ),
    NavItem(
        "系统管理",
        "admin:index",
        "gear",
        USE_ADMIN,
        "账号、角色授权、科室、区划与日历维护",
        "admin:",
        group="系统",
    ),
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
    modules = modules_for(user)
    matches = [_match(current, m.section) for m in modules]
    best = max(matches, default=0)
    items = [
        {"label": m.label, "url": m.url, "icon": m.icon, "group": m.group, "active": best and match == best}
        for m, match in zip(modules, matches, strict=True)
    ]
    return {"nav_items": items, "user_roles": active_roles(user)}


def _match(view_name: str, section: str | tuple[str, ...]) -> int:
    """How long a prefix of `view_name` the section names (0: none): 活动统计 ("activity_totals") beats 活动台账
    ("activity_") on the totals page."""
    prefixes = (section,) if isinstance(section, str) else section
    return max((len(p) for p in prefixes if p and view_name.startswith(p)), default=0)
