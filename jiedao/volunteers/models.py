"""Volunteer service (志愿服务): teams (夕阳红, 小水滴, 暖心小分队 …), their members drawn from the resident
register, the service they give (服务记录, with hours) and the honours they receive.

Members, service records and honours carry their team's area, so they are scoped with the team.
"""

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from jiedao.core.scoping import ScopedQuerySet


class TeamKind(models.TextChoices):
    SUNSET = "sunset", "夕阳红"
    DROPLET = "droplet", "小水滴"
    WARM_HEART = "warm_heart", "暖心小分队"
    PARTY_PIONEER = "party_pioneer", "党员先锋"
    OTHER = "other", "其他"


class VolunteerTeamQuerySet(ScopedQuerySet):
    def active_on(self, on):
        return self.filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=on), founded_on__lte=on)


class VolunteerTeam(models.Model):
    name = models.CharField(
        "队伍名称", max_length=60, error_messages={"unique": "已有同名志愿服务队"}, unique=True
    )
    kind = models.CharField("队伍类型", max_length=16, choices=TeamKind.choices)
    area = models.ForeignKey(
        "core.Area", verbose_name="所属区域", on_delete=models.PROTECT, related_name="volunteer_teams"
    )
    leader = models.CharField("队长", max_length=50)
    founded_on = models.DateField("成立日期")
    dissolved_on = models.DateField("撤销日期", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    # Optimistic lock: an edit made on a stale copy is refused, never merged (jiedao.core.concurrency).
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    history = HistoricalRecords()
    objects = VolunteerTeamQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "志愿服务队"
        ordering = ["area__path", "name"]
        permissions = [("import_volunteerteam", "导入志愿服务队"), ("export_volunteerteam", "导出志愿服务队")]
        constraints = [
            models.CheckConstraint(
                name="volunteerteam_dissolved_after_founded",
                condition=Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=F("founded_on")),
                violation_error_message="撤销日期不能早于成立日期",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("volunteer_team_detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.dissolved_on is None


class VolunteerMember(models.Model):
    team = models.ForeignKey(
        VolunteerTeam, verbose_name="志愿服务队", on_delete=models.PROTECT, related_name="members"
    )
    resident = models.ForeignKey(
        "registry.Resident",
        verbose_name="居民",
        on_delete=models.PROTECT,
        related_name="volunteer_memberships",
    )
    joined_on = models.DateField("加入日期")
    left_on = models.DateField("退出日期", null=True, blank=True)
    area = models.ForeignKey("core.Area", verbose_name="所属区域", on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "志愿者"
        ordering = ["team_id", "joined_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "resident"],
                condition=Q(left_on__isnull=True),
                name="volunteermember_unique_active",
                violation_error_message="该居民已是本队在队志愿者",
            ),
            models.CheckConstraint(
                name="volunteermember_left_after_joined",
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                violation_error_message="退出日期不能早于加入日期",
            ),
        ]

    def __str__(self):
        return f"{self.team_id}:{self.resident_id}"


class ServiceRecord(models.Model):
    team = models.ForeignKey(
        VolunteerTeam, verbose_name="志愿服务队", on_delete=models.PROTECT, related_name="service_records"
    )
    served_on = models.DateField("服务日期")
    title = models.CharField("服务主题", max_length=100)
    content = models.CharField("服务内容", max_length=500, blank=True)
    volunteers = models.PositiveIntegerField("参与志愿者（人次）")
    hours = models.DecimalField("服务总时长（小时）", max_digits=8, decimal_places=1)
    people_served = models.PositiveIntegerField("服务对象（人次）", default=0)
    members = models.ManyToManyField(
        VolunteerMember, verbose_name="参与志愿者", blank=True, related_name="services"
    )
    area = models.ForeignKey("core.Area", verbose_name="所属区域", on_delete=models.PROTECT, related_name="+")

    # Optimistic lock: an edit made on a stale copy is refused, never merged (jiedao.core.concurrency).
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "志愿服务记录"
        ordering = ["-served_on", "-id"]
        permissions = [
            ("import_servicerecord", "导入志愿服务记录"),
            ("export_servicerecord", "导出志愿服务记录"),
        ]
        indexes = [models.Index(fields=["served_on"], name="servicerecord_served_on_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "served_on", "title"],
                name="servicerecord_unique_title",
                violation_error_message="该队伍当天已有同一主题的服务记录",
            ),
            models.CheckConstraint(
                name="servicerecord_volunteers_positive",
                condition=Q(volunteers__gte=1),
                violation_error_message="参与志愿者至少为1人次",
            ),
            models.CheckConstraint(
                name="servicerecord_hours_positive",
                condition=Q(hours__gt=0),
                violation_error_message="服务总时长应大于0",
            ),
        ]

    def __str__(self):
        return self.title


class TeamHonour(models.Model):
    team = models.ForeignKey(
        VolunteerTeam, verbose_name="志愿服务队", on_delete=models.PROTECT, related_name="honours"
    )
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("荣誉称号", max_length=100)
    awarded_by = models.CharField("授予单位", max_length=100)
    area = models.ForeignKey("core.Area", verbose_name="所属区域", on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "志愿服务队荣誉"
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "year", "title"],
                name="teamhonour_unique_title",
                violation_error_message="该队伍本年度已登记这一荣誉",
            )
        ]

    def __str__(self):
        return self.title
