"""Projects (项目): key projects, old-compound renovation, dangerous-building rebuilds, investment projects,
民生微实事 and legacy-title projects, with their milestones (项目节点).

A project belongs to the street or to one community (`area`) and may name the compounds it works on. The
annual plan is not a separate table: a project whose `plan_year` is Y is one of the targets of Y's plan
(the 2023 report's "2024年工作计划" lists the projects with plan_year 2024).
"""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from jiedao.core.scoping import ScopedQuerySet


class ProjectKind(models.TextChoices):
    KEY = "key", "重点项目"
    RENOVATION = "renovation", "老旧小区改造"
    REBUILD = "rebuild", "危楼重建"
    INVESTMENT = "investment", "招商项目"
    MICRO = "micro", "民生微实事"
    LEGACY = "legacy", "遗留项目"


class LegacyUse(models.TextChoices):
    """What a legacy-title project (历史遗留项目, 办证遗留问题) was built for."""

    RESIDENTIAL = "residential", "住宅"
    NONRESIDENTIAL = "nonresidential", "非住宅"


class ProjectStatus(models.TextChoices):
    PLANNING = "planning", "谋划"
    BUILDING = "building", "在建"
    COMPLETED = "completed", "已完工"
    PAUSED = "paused", "暂停"
    TERMINATED = "terminated", "终止"


class Project(models.Model):
    kind = models.CharField("项目类型", max_length=16, choices=ProjectKind.choices)
    name = models.CharField("项目名称", max_length=100)
    area = models.ForeignKey(
        "core.Area",
        verbose_name="所属区域",
        on_delete=models.PROTECT,
        related_name="projects",
        help_text="街道或社区",
    )
    compounds = models.ManyToManyField(
        "registry.Compound", verbose_name="涉及小区", blank=True, related_name="projects"
    )
    budget = models.DecimalField("总投资（元）", max_digits=14, decimal_places=2, default=0)
    floor_area = models.DecimalField("建筑面积（平方米）", max_digits=12, decimal_places=2, default=0)
    buildings = models.PositiveIntegerField("楼栋数", default=0)
    households = models.PositiveIntegerField("户数", default=0)
    leader = models.ForeignKey(
        "core.User",
        verbose_name="包联领导",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_projects",
    )
    office = models.ForeignKey(
        "core.Office",
        verbose_name="责任科室",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    planned_start = models.DateField("计划开工日期", null=True, blank=True)
    planned_end = models.DateField("计划完工日期", null=True, blank=True)
    plan_year = models.PositiveSmallIntegerField(
        "计划年度", null=True, blank=True, help_text="作为哪一年度工作计划的目标项目"
    )
    use = models.CharField(
        "房屋用途", max_length=16, choices=LegacyUse.choices, blank=True, help_text="遗留项目填写"
    )
    status = models.CharField(
        "项目状态", max_length=16, choices=ProjectStatus.choices, default=ProjectStatus.PLANNING
    )
    completed_on = models.DateField("完工日期", null=True, blank=True)
    # Computed from the milestones when the project has any (projects.services.refresh_progress), else entered.
    progress = models.PositiveSmallIntegerField("进度（%）", default=0)
    description = models.TextField("项目内容", blank=True)
    created_at = models.DateTimeField("登记时间", default=timezone.now, editable=False)
    # Optimistic lock: an edit made on a stale copy is refused, never merged.
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    history = HistoricalRecords(m2m_fields=[compounds])
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "项目"
        ordering = ["-plan_year", "kind", "name", "id"]
        permissions = [("import_project", "导入项目台账"), ("export_project", "导出项目台账")]
        indexes = [
            models.Index(fields=["kind", "status"], name="project_kind_status_idx"),
            models.Index(fields=["plan_year", "kind"], name="project_plan_year_idx"),
            models.Index(fields=["completed_on"], name="project_completed_on_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["name"], name="project_unique_name", violation_error_message="已有同名项目"
            ),
            models.CheckConstraint(
                name="project_amounts_not_negative",
                condition=Q(budget__gte=0, floor_area__gte=0),
                violation_error_message="总投资和建筑面积不能为负数",
            ),
            models.CheckConstraint(
                name="project_progress_at_most_100",
                condition=Q(progress__lte=100),
                violation_error_message="进度应在0到100之间",
            ),
            models.CheckConstraint(
                name="project_end_after_start",
                condition=Q(planned_start__isnull=True)
                | Q(planned_end__isnull=True)
                | Q(planned_end__gte=F("planned_start")),
                violation_error_message="计划完工日期不能早于计划开工日期",
            ),
            models.CheckConstraint(
                name="project_completed_on_only_when_completed",
                condition=Q(status=ProjectStatus.COMPLETED, completed_on__isnull=False)
                | (~Q(status=ProjectStatus.COMPLETED) & Q(completed_on__isnull=True)),
                violation_error_message="已完工的项目必须填写完工日期，未完工的项目不应填写完工日期",
            ),
            models.CheckConstraint(
                name="project_use_only_for_legacy",
                condition=Q(kind=ProjectKind.LEGACY, use__in=LegacyUse.values)
                | (~Q(kind=ProjectKind.LEGACY) & Q(use="")),
                violation_error_message="遗留项目必须选择房屋用途，其他项目不填房屋用途",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("project_detail", args=[self.pk])

    @property
    def is_completed(self) -> bool:
        return self.status == ProjectStatus.COMPLETED


class MilestoneQuerySet(ScopedQuerySet):
    scope_field = "project__area"


class Milestone(models.Model):
    project = models.ForeignKey(
        Project, verbose_name="项目", on_delete=models.CASCADE, related_name="milestones"
    )
    name = models.CharField("节点名称", max_length=60)
    planned_on = models.DateField("计划日期")
    actual_on = models.DateField("实际完成日期", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    history = HistoricalRecords()
    objects = MilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "项目节点"
        ordering = ["project_id", "sort_order", "planned_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"],
                name="milestone_unique_name_in_project",
                violation_error_message="该项目已有同名节点",
            )
        ]

    def __str__(self):
        return f"{self.project.name} · {self.name}"

    @property
    def is_done(self) -> bool:
        return self.actual_on is not None

    @property
    def days_late(self) -> int | None:
        """Days the milestone was (or, still open, is) behind its planned date; None when on time."""
        reference = self.actual_on or timezone.localdate()
        late = (reference - self.planned_on).days
        return late if late > 0 else None
