"""Party building (党建), integrity (廉政) and honours (荣誉).

- `PartyBranch` (党支部) with its yearly titles (`BranchTitle`: 最强党支部, 五星级党支部 …) and members
  (`PartyMember`); a member is placed where the branch is.
- `StaffDuty`: a staff member's standing duty that is not a role (网评员, 信息员, 联络员 …).
- `IntegrityArchive` (廉政档案) and `DisciplineRecord` (执纪记录): restricted to 纪工委 and street leaders; every
  page showing discipline records leaves an audit row.
- `Honour` (荣誉): 文明社区, 文明示范小区 … awarded to an area or a compound.

Party and integrity records are kept by offices (党建办, 纪工委), honours by every ledger keeper.
"""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from jiedao.core.scoping import ScopedQuerySet


class BranchKind(models.TextChoices):
    COMMUNITY = "community", "社区党支部"
    ORGAN = "organ", "机关党支部"
    NON_PUBLIC = "non_public", "非公企业党支部"
    SOCIAL = "social", "社会组织党支部"
    OTHER = "other", "其他"


class TitleKind(models.TextChoices):
    STRONGEST = "strongest", "最强党支部"
    FIVE_STAR = "five_star", "五星级党支部"
    ADVANCED = "advanced", "先进基层党组织"
    OTHER = "other", "其他"


class Gender(models.TextChoices):
    MALE = "M", "男"
    FEMALE = "F", "女"


class MemberStatus(models.TextChoices):
    FULL = "full", "正式党员"
    PROBATIONARY = "probationary", "预备党员"


class DutyKind(models.TextChoices):
    COMMENTATOR = "commentator", "网评员"
    INFORMANT = "informant", "信息员"
    LIAISON = "liaison", "联络员"
    PUBLICIST = "publicist", "宣传员"
    OTHER = "other", "其他"


class DisciplineKind(models.TextChoices):
    ADMONITION = "admonition", "诫勉谈话"
    CRITICISM = "criticism", "批评教育"
    TALK = "talk", "约谈"
    PARTY_WARNING = "party_warning", "党内警告"
    SERIOUS_WARNING = "serious_warning", "党内严重警告"
    REMOVAL = "removal", "撤销党内职务"
    PROBATION = "probation", "留党察看"
    EXPULSION = "expulsion", "开除党籍"
    OTHER = "other", "其他"


class HonourKind(models.TextChoices):
    CITY_CIVILIZED_COMMUNITY = "city_civilized_community", "市级文明社区"
    DISTRICT_CIVILIZED_COMMUNITY = "district_civilized_community", "区级文明社区"
    CIVILIZED_COMPOUND = "civilized_compound", "文明示范小区"
    MODEL_COMMUNITY = "model_community", "示范社区"
    ADVANCED_PARTY_ORG = "advanced_party_org", "先进基层党组织"
    OTHER = "other", "其他"


class PartyBranch(models.Model):
    name = models.CharField("支部名称", max_length=100)
    kind = models.CharField(
        "支部类型", max_length=16, choices=BranchKind.choices, default=BranchKind.COMMUNITY
    )
    area = models.ForeignKey(
        "core.Area", verbose_name="所属区域", on_delete=models.PROTECT, related_name="party_branches"
    )
    secretary = models.CharField("支部书记", max_length=30, blank=True)
    established_on = models.DateField("成立日期", null=True, blank=True)
    active = models.BooleanField("在册", default=True, help_text="撤销或合并的支部取消勾选")
    note = models.CharField("备注", max_length=200, blank=True)

    # Optimistic lock: an edit made on a stale copy is refused, never merged (jiedao.core.concurrency).
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "党支部"
        ordering = ["area__path", "name"]
        permissions = [("import_partybranch", "导入党支部"), ("export_partybranch", "导出党支部")]
        constraints = [
            models.UniqueConstraint(
                fields=["name"], name="partybranch_unique_name", violation_error_message="已有同名党支部"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("party_branch_detail", args=[self.pk])


class BranchTitleQuerySet(ScopedQuerySet):
    scope_field = "branch__area"


class BranchTitle(models.Model):
    branch = models.ForeignKey(
        PartyBranch, verbose_name="党支部", on_delete=models.CASCADE, related_name="titles"
    )
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("称号", max_length=16, choices=TitleKind.choices)
    awarded_by = models.CharField("授予单位", max_length=60, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    history = HistoricalRecords()
    objects = BranchTitleQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "党支部称号"
        ordering = ["-year", "title", "branch__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["branch", "year", "title"],
                name="branchtitle_unique_year_title",
                violation_error_message="该党支部在这一年度已获得此称号",
            )
        ]

    def __str__(self):
        return f"{self.branch.name} {self.year}年{self.get_title_display()}"


class PartyMember(models.Model):
    branch = models.ForeignKey(
        PartyBranch, verbose_name="所在党支部", on_delete=models.PROTECT, related_name="members"
    )
    name = models.CharField("姓名", max_length=30)
    resident = models.ForeignKey(
        "registry.Resident",
        verbose_name="居民档案",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="party_memberships",
    )
    gender = models.CharField("性别", max_length=1, choices=Gender.choices, blank=True)
    joined_party_on = models.DateField("入党日期", null=True, blank=True)
    post = models.CharField(
        "党内职务", max_length=30, blank=True, help_text="如：支部书记、组织委员；普通党员可不填"
    )
    status = models.CharField(
        "党员类别", max_length=16, choices=MemberStatus.choices, default=MemberStatus.FULL
    )
    transferred_out_on = models.DateField("转出日期", null=True, blank=True)
    # The branch's area, copied so that scoping and counting need no join (kept in step by the services).
    area = models.ForeignKey(
        "core.Area", verbose_name="所属区域", on_delete=models.PROTECT, related_name="party_members"
    )

    # Optimistic lock: an edit made on a stale copy is refused, never merged (jiedao.core.concurrency).
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "党员"
        ordering = ["branch__name", "name", "id"]
        permissions = [("import_partymember", "导入党员"), ("export_partymember", "导出党员")]
        constraints = [
            models.UniqueConstraint(
                fields=["branch", "name"],
                name="partymember_unique_name_in_branch",
                violation_error_message="该党支部已有同名党员",
            ),
            models.CheckConstraint(
                name="partymember_transferred_after_joined",
                condition=Q(transferred_out_on__isnull=True)
                | Q(joined_party_on__isnull=True)
                | Q(transferred_out_on__gte=F("joined_party_on")),
                violation_error_message="转出日期不能早于入党日期",
            ),
        ]

    def __str__(self):
        return self.name


class StaffDutyQuerySet(ScopedQuerySet):
    def active_on(self, on):
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on)


class StaffDuty(models.Model):
    user = models.ForeignKey(
        "core.User", verbose_name="工作人员", on_delete=models.PROTECT, related_name="duties"
    )
    duty = models.CharField("职责", max_length=16, choices=DutyKind.choices)
    area = models.ForeignKey(
        "core.Area", verbose_name="所属区域", on_delete=models.PROTECT, related_name="staff_duties"
    )
    start_date = models.DateField("开始日期")
    end_date = models.DateField("结束日期", null=True, blank=True, help_text="为空表示仍在担任")
    note = models.CharField("备注", max_length=200, blank=True)

    # Optimistic lock: an edit made on a stale copy is refused, never merged (jiedao.core.concurrency).
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    history = HistoricalRecords()
    objects = StaffDutyQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "工作人员职责"
        ordering = ["duty", "user__username", "-start_date"]
        permissions = [("import_staffduty", "导入工作人员职责"), ("export_staffduty", "导出工作人员职责")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "duty", "start_date"],
                name="staffduty_unique_start",
                violation_error_message="该工作人员在这一天已开始担任此职责",
            ),
            models.CheckConstraint(
                name="staffduty_end_after_start",
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                violation_error_message="结束日期不能早于开始日期",
            ),
        ]

    def __str__(self):
        return f"{self.user.display_name}（{self.get_duty_display()}）"


class IntegrityArchive(models.Model):
    person_name = models.CharField("姓名", max_length=30)
    user = models.ForeignKey(
        "core.User",
        verbose_name="平台账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.CharField("单位", max_length=60, help_text="如：党建办、赛马场北路社区")
    post = models.CharField("职务", max_length=30, blank=True)
    area = models.ForeignKey(
        "core.Area", verbose_name="所属区域", on_delete=models.PROTECT, related_name="integrity_archives"
    )
    year = models.PositiveSmallIntegerField("档案年度")
    filed_on = models.DateField("建档日期")
    note = models.CharField("备注", max_length=200, blank=True)

    # Optimistic lock: an edit made on a stale copy is refused, never merged (jiedao.core.concurrency).
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "廉政档案"
        ordering = ["-year", "unit", "person_name"]
        permissions = [
            ("import_integrityarchive", "导入廉政档案"),
            ("export_integrityarchive", "导出廉政档案"),
        ]
        indexes = [models.Index(fields=["filed_on"], name="integrityarchive_filed_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["person_name", "unit", "year"],
                name="integrityarchive_unique_person_year",
                violation_error_message="该单位的此人在这一年度已建立廉政档案",
            )
        ]

    def __str__(self):
        return f"{self.person_name}（{self.unit}，{self.year}年）"


class DisciplineRecord(models.Model):
    person_name = models.CharField("姓名", max_length=30)
    user = models.ForeignKey(
        "core.User",
        verbose_name="平台账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.CharField("单位", max_length=60)
    post = models.CharField("职务", max_length=30, blank=True)
    kind = models.CharField("处理方式", max_length=20, choices=DisciplineKind.choices)
    occurred_on = models.DateField("处理日期")
    reason = models.CharField("事由", max_length=300)
    decided_by = models.CharField("决定机关", max_length=60, blank=True, default="街道纪工委")
    area = models.ForeignKey(
        "core.Area", verbose_name="所属区域", on_delete=models.PROTECT, related_name="discipline_records"
    )

    # Optimistic lock: an edit made on a stale copy is refused, never merged (jiedao.core.concurrency).
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "执纪记录"
        ordering = ["-occurred_on", "-id"]
        permissions = [
            ("import_disciplinerecord", "导入执纪记录"),
            ("export_disciplinerecord", "导出执纪记录"),
        ]
        indexes = [models.Index(fields=["occurred_on"], name="discipline_occurred_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["person_name", "kind", "occurred_on"],
                name="discipline_unique_person_kind_day",
                violation_error_message="此人在这一天已有同一处理方式的执纪记录",
            )
        ]

    # Every page that shows discipline records is audited, 指标明细 (jiedao/reports/records.py) included.
    audited_reads = "discipline_records"

    def __str__(self):
        return f"{self.person_name} {self.get_kind_display()} {self.occurred_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("party_discipline_detail", args=[self.pk])


class Honour(models.Model):
    kind = models.CharField("荣誉类别", max_length=32, choices=HonourKind.choices)
    name = models.CharField("荣誉名称", max_length=100, blank=True, help_text="类别为“其他”时必填")
    year = models.PositiveSmallIntegerField("年度")
    awarded_by = models.CharField("授予单位", max_length=60)
    awarded_on = models.DateField("授予日期", null=True, blank=True)
    area = models.ForeignKey(
        "core.Area", verbose_name="获奖区域", on_delete=models.PROTECT, related_name="honours"
    )
    compound = models.ForeignKey(
        "registry.Compound",
        verbose_name="小区",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="honours",
    )
    note = models.CharField("备注", max_length=200, blank=True)

    # Optimistic lock: an edit made on a stale copy is refused, never merged (jiedao.core.concurrency).
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "荣誉"
        ordering = ["-year", "kind", "area__path"]
        permissions = [("import_honour", "导入荣誉"), ("export_honour", "导出荣誉")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "area", "compound"],
                condition=Q(compound__isnull=False),
                name="honour_unique_compound",
                violation_error_message="该小区在这一年度已登记此荣誉",
            ),
            models.UniqueConstraint(
                fields=["kind", "year", "area"],
                condition=Q(compound__isnull=True),
                name="honour_unique_area",
                violation_error_message="该区域在这一年度已登记此荣誉",
            ),
        ]

    def __str__(self):
        return f"{self.year}年{self.display_name}"

    @property
    def display_name(self) -> str:
        return self.name or self.get_kind_display()

    @property
    def holder(self) -> str:
        return self.compound.name if self.compound_id else self.area.label
