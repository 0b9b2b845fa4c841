"""Permissions follow roles. One table says which role may do what; `RoleBackend` feeds it to Django,
so `user.has_perm(...)`, the admin and our views all read the same source.

The split between 系统管理员 (accounts, dictionaries) and 审计员 (audit log) follows 等保 三权分立: the
administrator cannot read or clean the log of what administrators did.
"""

from functools import wraps

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from jiedao.core.models.staff import Role, RoleAssignment

VIEW_AREAS = "core.view_area"
VIEW_STAFF = "core.view_roleassignment"
VIEW_AUDIT_LOG = "core.view_auditlog"
USE_ADMIN = "core.use_admin"

_ACCOUNT_ADMIN = {
    USE_ADMIN,
    "core.view_user",
    "core.add_user",
    "core.change_user",
    "core.view_roleassignment",
    "core.add_roleassignment",
    "core.change_roleassignment",
    "core.view_office",
    "core.add_office",
    "core.change_office",
    "core.view_area",
    "core.add_area",
    "core.change_area",
    "core.view_areachange",
    "workcalendar.view_calendaryear",
    "workcalendar.add_calendaryear",
    "workcalendar.change_calendaryear",
    "workcalendar.view_calendarday",
    "workcalendar.add_calendarday",
    "workcalendar.change_calendarday",
    "workcalendar.delete_calendarday",
    "cases.view_category",
    "cases.add_category",
    "cases.change_category",
    "open311.view_apikey",
    "open311.add_apikey",
    "open311.change_apikey",
    "api.view_apitoken",
    "api.change_apitoken",
}

# The registry: who may read it, who keeps it (imports, edits, moves), who may see full ID/phone numbers.
VIEW_REGISTRY = frozenset(
    {
        "registry.view_resident",
        "registry.view_household",
        "registry.view_compound",
        "registry.view_building",
        "registry.view_premises",
    }
)
KEEP_REGISTRY = frozenset(
    {
        "registry.add_resident",
        "registry.change_resident",
        "registry.import_resident",
        "registry.export_resident",
        "registry.add_compound",
        "registry.add_building",
        "registry.add_premises",
        "registry.change_premises",
    }
)
VIEW_FULL_RESIDENT = "registry.view_full_resident"

# The economic directory (经济名录库): enterprises, on-site verification visits, investment leads.
VIEW_ECONOMY = frozenset(
    {"enterprises.view_enterprise", "enterprises.view_verificationvisit", "enterprises.view_investmentlead"}
)
KEEP_ECONOMY = frozenset(
    {
        "enterprises.add_enterprise",
        "enterprises.change_enterprise",
        "enterprises.export_enterprise",
        "enterprises.add_verificationvisit",
        "enterprises.add_investmentlead",
        "enterprises.change_investmentlead",
    }
)

# The case engine (工单): every working role reads and registers cases in its areas; what each may do to a
# case is the transition table's business (jiedao.cases.workflow), not a permission.
CASE_WORK = frozenset({"cases.view_case", "cases.add_case"})


def _perms(app: str, models: str, *actions: str) -> frozenset[str]:
    return frozenset(f"{app}.{action}_{model}" for model in models.split() for action in actions)


# Ledgers (台账): activities and publicity, projects, co-building, volunteers, honours. Every working role reads
# those of its areas; office and community staff keep them; a grid worker records activities in the grid.
VIEW_LEDGERS = (
    _perms("activities", "activity activitytype infoitem", "view")
    | _perms("projects", "project", "view")
    | _perms("cobuild", "cobuilditem rectification wastefacility propertycommittee", "view")
    | _perms("volunteers", "volunteerteam servicerecord", "view")
    | _perms("party", "honour", "view")
)
KEEP_LEDGERS = (
    _perms("activities", "activity infoitem", "add", "change", "delete", "import", "export")
    | _perms("projects", "project", "add", "change", "import", "export")
    | _perms(
        "cobuild",
        "cobuilditem rectification wastefacility propertycommittee",
        "add",
        "change",
        "import",
        "export",
    )
    | _perms("volunteers", "volunteerteam servicerecord", "add", "change", "import", "export")
    | _perms("party", "honour", "add", "change", "import", "export")
)
GRID_LEDGERS = _perms("activities", "activity", "add", "change")
# Activity types and their measures: the offices define them (and the system administrator, as a dictionary).
KEEP_ACTIVITY_TYPES = _perms("activities", "activitytype", "add", "change")

# Party building (党建) and integrity (廉政) are held by offices, not by roles: 党建办 keeps party branches, members
# and staff duties (网评员); 纪工委 keeps integrity archives and discipline records. Street leaders read both
# (every read of a discipline record is audited by the view).
VIEW_PARTY = _perms("party", "partybranch partymember staffduty", "view")
KEEP_PARTY = VIEW_PARTY | _perms(
    "party", "partybranch partymember staffduty", "add", "change", "import", "export"
)
VIEW_INTEGRITY = _perms("party", "integrityarchive disciplinerecord", "view")
KEEP_INTEGRITY = VIEW_INTEGRITY | _perms(
    "party", "integrityarchive disciplinerecord", "add", "change", "import", "export"
)
# Reports (issue 6): street leaders and office staff read the annual report and the 2023-vs-seed table; 党政办
# ("dzb", which drafts the annual summary) edits its narrative and targets.
VIEW_REPORTS = frozenset({"reports.view_annualreport", "targets.view_target"})
KEEP_REPORTS = VIEW_REPORTS | frozenset(
    {
        "reports.add_annualreport",
        "reports.change_annualreport",
        "targets.add_target",
        "targets.change_target",
        "targets.import_target",
        "targets.export_target",
    }
)

OFFICE_PERMISSIONS: dict[str, frozenset[str]] = {
    "djb": KEEP_PARTY,
    "jgw": KEEP_INTEGRITY,
    "dzb": KEEP_REPORTS,
}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.STREET_LEADER: frozenset(
        {
            VIEW_AREAS,
            VIEW_STAFF,
            "registry.export_resident",
            "enterprises.export_enterprise",
            "projects.export_project",
        }
    )
    | VIEW_REGISTRY
    | VIEW_ECONOMY
    | CASE_WORK
    | VIEW_LEDGERS
    | VIEW_PARTY
    | VIEW_INTEGRITY
    | VIEW_REPORTS,
    Role.OFFICE_STAFF: frozenset({VIEW_AREAS, VIEW_FULL_RESIDENT})
    | VIEW_REGISTRY
    | KEEP_REGISTRY
    | VIEW_ECONOMY
    | KEEP_ECONOMY
    | CASE_WORK
    | VIEW_LEDGERS
    | KEEP_LEDGERS
    | KEEP_ACTIVITY_TYPES
    | VIEW_REPORTS,
    Role.COMMUNITY_SECRETARY: frozenset({VIEW_AREAS, VIEW_STAFF, VIEW_FULL_RESIDENT})
    | VIEW_REGISTRY
    | KEEP_REGISTRY
    | VIEW_ECONOMY
    | KEEP_ECONOMY
    | CASE_WORK
    | VIEW_LEDGERS
    | KEEP_LEDGERS
    | VIEW_PARTY,
    Role.COMMUNITY_WORKER: frozenset({VIEW_AREAS, VIEW_FULL_RESIDENT})
    | VIEW_REGISTRY
    | KEEP_REGISTRY
    | VIEW_ECONOMY
    | KEEP_ECONOMY
    | CASE_WORK
    | VIEW_LEDGERS
    | KEEP_LEDGERS,
    Role.GRID_WORKER: frozenset({VIEW_AREAS})
    | VIEW_REGISTRY
    | VIEW_ECONOMY
    | CASE_WORK
    | VIEW_LEDGERS
    | GRID_LEDGERS,
    Role.AUDITOR: frozenset({VIEW_AUDIT_LOG}),
    Role.SYSADMIN: frozenset(_ACCOUNT_ADMIN | {VIEW_STAFF}) | KEEP_ACTIVITY_TYPES,
}


def active_roles(user) -> list[RoleAssignment]:
    """The user's active role assignments (cached on the user object for the request)."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_jiedao_roles", None)
    if cached is None:
        cached = list(
            RoleAssignment.objects.active()
            .filter(user=user)
            .select_related("area__parent", "office")
            .order_by("role")
        )
        user._jiedao_roles = cached
    return cached


def role_permissions(user) -> set[str]:
    perms: set[str] = set()
    for assignment in active_roles(user):
        perms |= ROLE_PERMISSIONS.get(assignment.role, frozenset())
        if assignment.role == Role.OFFICE_STAFF and assignment.office is not None:
            perms |= OFFICE_PERMISSIONS.get(assignment.office.code, frozenset())
    return perms


class RoleBackend(ModelBackend):
    """Django's model backend plus the permissions of the user's active roles."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        return super().get_all_permissions(user_obj) | role_permissions(user_obj)


def require_perm(perm: str):
    """View decorator: anonymous → login page; lacking the permission → audited 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(perm):
                deny(request, perm)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def deny(request, perm: str):
    from jiedao.core.audit import audit_record
    from jiedao.core.models import AuditEvent

    audit_record(AuditEvent.PERMISSION_DENIED, request=request, success=False, perm=perm)
    raise PermissionDenied("您没有权限访问此页面")
