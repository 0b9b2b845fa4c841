"""Staff accounts and the roles they hold on areas.

A role is held *on an area* (a community worker on 社区A, a grid worker on 网格A1, a street leader on the
street). Permissions follow the role (`jiedao.core.permissions.ROLE_PERMISSIONS`); visibility follows the
area (`jiedao.core.scoping`). Assignments are dated, so "who was 社区书记 of 社区A in 2023" is answerable.
"""

from datetime import date

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    full_name = models.CharField("姓名", max_length=30, blank=True)
    birth_date = models.DateField("出生日期", null=True, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = verbose_name_plural = "工作人员账号"
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


class Office(models.Model):
    """A 科室 of the street office (党建办, 综治办, 民政办, 经济办, 城管办 …)."""

    code = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=40, unique=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "科室"
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    STREET_LEADER = "street_leader", "街道领导"
    OFFICE_STAFF = "office_staff", "科室工作人员"
    COMMUNITY_SECRETARY = "community_secretary", "社区书记"
    COMMUNITY_WORKER = "community_worker", "社区工作者"
    GRID_WORKER = "grid_worker", "网格员"
    AUDITOR = "auditor", "审计员"
    SYSADMIN = "sysadmin", "系统管理员"


# The area level each role is held on.
ROLE_LEVEL = {
    Role.STREET_LEADER: "street",
    Role.OFFICE_STAFF: "street",
    Role.COMMUNITY_SECRETARY: "community",
    Role.COMMUNITY_WORKER: "community",
    Role.GRID_WORKER: "grid",
    Role.AUDITOR: "street",
    Role.SYSADMIN: "street",
}


class RoleAssignmentQuerySet(models.QuerySet):
    def active(self, on: date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gt=on), start_date__lte=on).filter(
            area__valid_from__lte=on
        )


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, verbose_name="工作人员", on_delete=models.PROTECT, related_name="roles")
    role = models.CharField("角色", max_length=32, choices=Role.choices)
    area = models.ForeignKey(
        "core.Area", verbose_name="所辖区域", on_delete=models.PROTECT, related_name="roles"
    )
    office = models.ForeignKey(
        Office, verbose_name="科室", null=True, blank=True, on_delete=models.PROTECT, related_name="roles"
    )
    title = models.CharField("职务", max_length=40, blank=True, help_text="如：专职副书记、主任")
    start_date = models.DateField("任职日期", default=timezone.localdate)
    end_date = models.DateField("离任日期", null=True, blank=True)
    granted_by = models.ForeignKey(
        User, verbose_name="授权人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()
    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "角色授权"
        ordering = ["user_id", "role"]
        constraints = [
            models.CheckConstraint(
                name="role_office_only_for_office_staff",
                violation_error_message="科室：只有“科室工作人员”必须且只能选择科室",
                condition=Q(role=Role.OFFICE_STAFF, office__isnull=False)
                | (~Q(role=Role.OFFICE_STAFF) & Q(office__isnull=True)),
            ),
            models.CheckConstraint(
                name="role_end_after_start",
                violation_error_message="离任日期必须晚于任职日期",
                condition=Q(end_date__isnull=True) | Q(end_date__gt=models.F("start_date")),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "area", "office"],
                condition=Q(end_date__isnull=True),
                name="role_unique_open_assignment",
                violation_error_message="该工作人员已在此区域担任此角色",
            ),
        ]

    def __str__(self):
        label = self.office.name if self.office_id else self.get_role_display()
        return f"{self.area.name} · {label}"
