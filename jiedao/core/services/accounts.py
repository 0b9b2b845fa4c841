"""Writes to accounts and roles. Each validates, writes, and leaves its audit row in one transaction."""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jiedao.core.audit import audit_record
from jiedao.core.models import Area, AuditEvent, AuditLog, Office, Role, RoleAssignment, User
from jiedao.core.models.staff import ROLE_LEVEL
from jiedao.core.scoping import forget_scope

MSG_USERNAME_TAKEN = "账号已存在：{username}"
MSG_ROLE_LEVEL = "角色“{role}”只能授予在{level}一级，所选区域“{area}”是{area_level}"
MSG_ROLE_NEEDS_OFFICE = "角色“科室工作人员”必须选择所属科室"
MSG_ROLE_NO_OFFICE = "只有“科室工作人员”可以选择科室"
MSG_ROLE_AREA_RETIRED = "区域“{area}”已撤销，不能在其上授予角色"
MSG_ROLE_DUPLICATE = "该工作人员已在“{area}”担任此角色"
MSG_ROLE_ALREADY_ENDED = "该角色授权已于{end}结束"
MSG_ROLE_END_BEFORE_START = "离任日期不能早于任职日期（{start}）"
MSG_LOCKED = "登录失败次数过多，账号已暂时锁定，请{minutes}分钟后再试，或联系系统管理员"

LEVEL_LABELS = {"street": "街道", "community": "社区", "grid": "网格"}


@transaction.atomic
def account_create(
    *, username: str, full_name: str, password: str | None, actor: User | None = None, **extra
) -> User:
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": MSG_USERNAME_TAKEN.format(username=username)})
    user = User(username=username, full_name=full_name, **extra)
    if password:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    audit_record(AuditEvent.ACCOUNT_CREATED, user=actor, obj=user)
    return user


@transaction.atomic
def role_grant(
    *,
    user: User,
    role: Role | str,
    area: Area,
    office: Office | None = None,
    title: str = "",
    start_date: date | None = None,
    actor: User | None = None,
    request=None,
) -> RoleAssignment:
    """Give `user` the role on `area`. The area must be current and of the role's level."""
    role = Role(role)
    role_grant_check(user=user, role=role, area=area, office=office)
    assignment = RoleAssignment.objects.create(
        user=user,
        role=role,
        area=area,
        office=office,
        title=title,
        start_date=start_date or timezone.localdate(),
        granted_by=actor,
    )
    _forget_cached_roles(user)
    audit_record(
        AuditEvent.ROLE_GRANTED,
        request=request,
        user=actor,
        obj=assignment,
        grantee=user.username,
        role=role.value,
        area=area.code,
    )
    return assignment


@transaction.atomic
def role_revoke(
    *, assignment: RoleAssignment, end_date: date | None = None, actor: User | None = None, request=None
) -> RoleAssignment:
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.end_date is not None:
        raise ValidationError({"end_date": MSG_ROLE_ALREADY_ENDED.format(end=assignment.end_date)})
    end_date = end_date or timezone.localdate()
    if end_date <= assignment.start_date:
        raise ValidationError({"end_date": MSG_ROLE_END_BEFORE_START.format(start=assignment.start_date)})
    assignment.end_date = end_date
    assignment.save(update_fields=["end_date"])
    _forget_cached_roles(assignment.user)
    audit_record(
        AuditEvent.ROLE_REVOKED,
        request=request,
        user=actor,
        obj=assignment,
        grantee=assignment.user.username,
        role=assignment.role,
        area=assignment.area.code,
    )
    return assignment


def role_grant_check(*, user: User, role: Role | str, area: Area, office: Office | None) -> None:
    """The rules a grant must satisfy; raises ValidationError keyed by field. Forms call it in clean()."""
    role = Role(role)
    level = ROLE_LEVEL[role]
    if area.level != level:
        raise ValidationError(
            {
                "area": MSG_ROLE_LEVEL.format(
                    role=role.label,
                    level=LEVEL_LABELS[level],
                    area=area.name,
                    area_level=area.get_level_display(),
                )
            }
        )
    if area.valid_to is not None:
        raise ValidationError({"area": MSG_ROLE_AREA_RETIRED.format(area=area.name)})
    if role == Role.OFFICE_STAFF and office is None:
        raise ValidationError({"office": MSG_ROLE_NEEDS_OFFICE})
    if role != Role.OFFICE_STAFF and office is not None:
        raise ValidationError({"office": MSG_ROLE_NO_OFFICE})
    duplicate = RoleAssignment.objects.filter(
        user=user, role=role, area=area, office=office, end_date__isnull=True
    )
    if duplicate.exists():
        raise ValidationError({"role": MSG_ROLE_DUPLICATE.format(area=area.name)})


def _forget_cached_roles(user: User) -> None:
    forget_scope(user)
    for attr in ("_jiedao_roles", "_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        if hasattr(user, attr):
            delattr(user, attr)


def _recent_failures(username: str) -> int:
    window_start = timezone.now() - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    last_success = (
        AuditLog.objects.filter(username=username, event=AuditEvent.LOGIN, at__gte=window_start)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    failures = AuditLog.objects.filter(username=username, event=AuditEvent.LOGIN_FAILED, at__gte=window_start)
    if last_success is not None:
        failures = failures.filter(at__gt=last_success)
    return failures.count()


def login_locked(username: str) -> bool:
    """Locked while the account name has too many recent failures. Works the same for names that do not
    exist, so the lock reveals nothing about which accounts exist."""
    return _recent_failures(username) >= settings.LOGIN_FAILURE_LIMIT


def login_locked_message() -> str:
    return MSG_LOCKED.format(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)


def login_failure_noted(*, username: str, request=None) -> None:
    audit_record(AuditEvent.LOGIN_FAILED, request=request, username=username, success=False)
    if _recent_failures(username) == settings.LOGIN_FAILURE_LIMIT:
        audit_record(AuditEvent.ACCOUNT_LOCKED, request=request, username=username, success=False)
