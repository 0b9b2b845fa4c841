"""The economic directory (经济名录库): enterprises, on-site verification visits (实地核查) and investment
leads (招商引资).

Contact phones are stored like premises' operator phones: encrypted (`*_cipher`), with a keyed blind index
(`*_index`) for exact lookup and the masked form (`*_masked`) for display; `protect_phone` makes all three.
"""

from datetime import date

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from jiedao.core.scoping import ScopedQuerySet
from jiedao.core.validators import validate_uscc


class Industry(models.TextChoices):
    """GB/T 4754-2017 国民经济行业分类, the twenty 门类 (sections)."""

    AGRICULTURE = "A", "农、林、牧、渔业"
    MINING = "B", "采矿业"
    MANUFACTURING = "C", "制造业"
    UTILITIES = "D", "电力、热力、燃气及水生产和供应业"
    CONSTRUCTION = "E", "建筑业"
    TRADE = "F", "批发和零售业"
    TRANSPORT = "G", "交通运输、仓储和邮政业"
    HOSPITALITY = "H", "住宿和餐饮业"
    INFORMATION = "I", "信息传输、软件和信息技术服务业"
    FINANCE = "J", "金融业"
    REAL_ESTATE = "K", "房地产业"
    BUSINESS_SERVICES = "L", "租赁和商务服务业"
    RESEARCH = "M", "科学研究和技术服务业"
    ENVIRONMENT = "N", "水利、环境和公共设施管理业"
    RESIDENT_SERVICES = "O", "居民服务、修理和其他服务业"
    EDUCATION = "P", "教育"
    HEALTH = "Q", "卫生和社会工作"
    CULTURE = "R", "文化、体育和娱乐业"
    PUBLIC_ADMINISTRATION = "S", "公共管理、社会保障和社会组织"
    INTERNATIONAL = "T", "国际组织"


class Scale(models.TextChoices):
    """企业规模 as classified by 统计上大中小微型企业划分办法."""

    LARGE = "large", "大型"
    MEDIUM = "medium", "中型"
    SMALL = "small", "小型"
    MICRO = "micro", "微型"


class EnterpriseKind(models.TextChoices):
    COMPANY = "company", "企业"
    INDIVIDUAL = "individual", "个体工商户"
    COOPERATIVE = "cooperative", "农民专业合作社"
    OTHER = "other", "其他"


class EnterpriseStatus(models.TextChoices):
    ACTIVE = "active", "存续"
    MOVED_OUT = "moved_out", "迁出"
    CANCELLED = "cancelled", "注销"


class EnterpriseQuerySet(ScopedQuerySet):
    def active_on(self, on: date):
        """In the directory and 存续 on `on`: entered by then, not yet moved out or cancelled."""
        return self.filter(Q(left_on__isnull=True) | Q(left_on__gt=on), registered_on__lte=on)


class Enterprise(models.Model):
    uscc = models.CharField("统一社会信用代码", max_length=18, validators=[validate_uscc])
    name = models.CharField("企业名称", max_length=100)
    name_initials = models.CharField("拼音首字母", max_length=60, blank=True, db_index=True, editable=False)
    kind = models.CharField(
        "主体类型", max_length=16, choices=EnterpriseKind.choices, default=EnterpriseKind.COMPANY
    )
    industry = models.CharField("行业门类", max_length=1, choices=Industry.choices)
    scale = models.CharField("企业规模", max_length=8, choices=Scale.choices, default=Scale.MICRO)
    status = models.CharField(
        "经营状态", max_length=16, choices=EnterpriseStatus.choices, default=EnterpriseStatus.ACTIVE
    )
    address = models.CharField("经营地址", max_length=200, blank=True)
    area = models.ForeignKey(
        "core.Area", verbose_name="所属区域", on_delete=models.PROTECT, related_name="enterprises"
    )
    legal_representative = models.CharField("法定代表人", max_length=50, blank=True)
    contact_name = models.CharField("联系人", max_length=50, blank=True)
    contact_phone_cipher = models.BinaryField("联系电话（密文）", null=True, blank=True, editable=False)
    contact_phone_index = models.CharField(max_length=32, blank=True, db_index=True, editable=False)
    contact_phone_masked = models.CharField("联系电话", max_length=20, blank=True, editable=False)
    established_on = models.DateField("成立日期", null=True, blank=True)
    registered_on = models.DateField("入库日期", help_text="纳入经济名录库的日期")
    left_on = models.DateField("迁出/注销日期", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)
    # Optimistic lock: an edit made on a stale copy is refused, never merged.
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["name_initials"])
    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "企业"
        ordering = ["name", "id"]
        permissions = [
            ("export_enterprise", "导出企业名录"),
            ("view_full_enterprise", "查看企业完整联系电话"),
        ]
        indexes = [
            models.Index(fields=["area", "status"], name="enterprise_area_status_idx"),
            models.Index(fields=["registered_on", "left_on"], name="enterprise_in_directory_idx"),
            models.Index(
                fields=["name"], name="enterprise_name_prefix_idx", opclasses=["varchar_pattern_ops"]
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["uscc"],
                name="enterprise_unique_uscc",
                violation_error_message="该统一社会信用代码已登记",
            ),
            models.CheckConstraint(
                name="enterprise_left_on_only_when_gone",
                condition=Q(status=EnterpriseStatus.ACTIVE, left_on__isnull=True)
                | (~Q(status=EnterpriseStatus.ACTIVE) & Q(left_on__isnull=False)),
                violation_error_message="存续企业不能有迁出/注销日期；迁出或注销的企业必须填写迁出/注销日期",
            ),
            models.CheckConstraint(
                name="enterprise_left_on_after_registered_on",
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("registered_on")),
                violation_error_message="迁出/注销日期不能早于入库日期",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("enterprise_detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == EnterpriseStatus.ACTIVE


class VisitResult(models.TextChoices):
    NORMAL = "normal", "正常经营"
    ADDRESS_MISMATCH = "address_mismatch", "地址不符"
    MOVED_OUT = "moved_out", "已迁出"
    CANCELLED = "cancelled", "已注销"
    NOT_FOUND = "not_found", "未找到经营主体"
    OTHER = "other", "其他"


# A visit that found the enterprise gone suggests this status; staff confirm it (据此更新企业状态).
SUGGESTED_STATUS = {
    VisitResult.MOVED_OUT: EnterpriseStatus.MOVED_OUT,
    VisitResult.CANCELLED: EnterpriseStatus.CANCELLED,
}


class VerificationVisit(models.Model):
    enterprise = models.ForeignKey(
        Enterprise, verbose_name="企业", on_delete=models.PROTECT, related_name="visits"
    )
    visited_on = models.DateField("核查日期")
    visitor = models.ForeignKey(
        "core.User",
        verbose_name="核查人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    result = models.CharField("核查结果", max_length=20, choices=VisitResult.choices)
    note = models.CharField("情况说明", max_length=200, blank=True)
    # Where the enterprise was when it was visited: the visit stays counted there if the enterprise moves.
    area = models.ForeignKey(
        "core.Area", verbose_name="所属区域", on_delete=models.PROTECT, related_name="verification_visits"
    )
    recorded_at = models.DateTimeField("登记时间", default=timezone.now, editable=False)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "实地核查"
        ordering = ["-visited_on", "-id"]
        indexes = [models.Index(fields=["visited_on"], name="visit_visited_on_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "visited_on"],
                name="visit_unique_enterprise_day",
                violation_error_message="该企业在这一天已有核查记录",
            )
        ]

    def __str__(self):
        return f"{self.enterprise.name} {self.visited_on:%Y-%m-%d} {self.get_result_display()}"

    @property
    def suggested_status(self) -> str | None:
        """The status the result points to, while the enterprise still stands as 存续; else None."""
        suggested = SUGGESTED_STATUS.get(self.result)
        return suggested if suggested and self.enterprise.is_active else None


class LeadSource(models.TextChoices):
    BUSINESS_REFERRAL = "business_referral", "以商招商"
    UNIT_REFERRAL = "unit_referral", "驻区单位推荐"
    OUTREACH = "outreach", "主动对接"
    OTHER = "other", "其他"


class LeadStage(models.TextChoices):
    CONTACTED = "contacted", "接洽"
    NEGOTIATING = "negotiating", "洽谈"
    SIGNED = "signed", "签约"
    SETTLED = "settled", "落地"
    DROPPED = "dropped", "终止"


# The date field that records reaching each stage.
STAGE_DATE_FIELDS = {
    LeadStage.CONTACTED: "contacted_on",
    LeadStage.NEGOTIATING: "negotiating_on",
    LeadStage.SIGNED: "signed_on",
    LeadStage.SETTLED: "settled_on",
    LeadStage.DROPPED: "dropped_on",
}


def _stage_dates_match() -> Q:
    """Each stage has its own date and none of a later stage (终止 keeps the dates reached before it)."""
    return (
        Q(stage=LeadStage.CONTACTED, negotiating_on__isnull=True, dropped_on__isnull=True)
        | Q(
            stage=LeadStage.NEGOTIATING,
            negotiating_on__isnull=False,
            signed_on__isnull=True,
            dropped_on__isnull=True,
        )
        | Q(stage=LeadStage.SIGNED, signed_on__isnull=False, settled_on__isnull=True, dropped_on__isnull=True)
        | Q(stage=LeadStage.SETTLED, settled_on__isnull=False, dropped_on__isnull=True)
        | Q(stage=LeadStage.DROPPED, dropped_on__isnull=False, settled_on__isnull=True)
    ) & (
        (Q(signed_on__isnull=True) | Q(negotiating_on__isnull=False))
        & (Q(settled_on__isnull=True) | Q(signed_on__isnull=False))
    )


def _stage_dates_in_order() -> Q:
    return (
        (Q(negotiating_on__isnull=True) | Q(negotiating_on__gte=F("contacted_on")))
        & (Q(signed_on__isnull=True) | Q(signed_on__gte=F("negotiating_on")))
        & (Q(settled_on__isnull=True) | Q(settled_on__gte=F("signed_on")))
        & (Q(dropped_on__isnull=True) | Q(dropped_on__gte=F("contacted_on")))
        & (
            Q(dropped_on__isnull=True)
            | Q(negotiating_on__isnull=True)
            | Q(dropped_on__gte=F("negotiating_on"))
        )
        & (Q(dropped_on__isnull=True) | Q(signed_on__isnull=True) | Q(dropped_on__gte=F("signed_on")))
    )


class InvestmentLead(models.Model):
    name = models.CharField("项目名称", max_length=100, help_text="项目或企业名称")
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name="落地企业",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="leads",
        help_text="项目落地注册后关联经济名录库中的企业",
    )
    industry = models.CharField("行业门类", max_length=1, choices=Industry.choices)
    amount = models.DecimalField("计划投资额（万元）", max_digits=12, decimal_places=2, null=True, blank=True)
    source = models.CharField("项目来源", max_length=20, choices=LeadSource.choices, default=LeadSource.OTHER)
    contact_name = models.CharField("联系人", max_length=50, blank=True)
    contact_phone_cipher = models.BinaryField("联系电话（密文）", null=True, blank=True, editable=False)
    contact_phone_index = models.CharField(max_length=32, blank=True, db_index=True, editable=False)
    contact_phone_masked = models.CharField("联系电话", max_length=20, blank=True, editable=False)
    owner = models.ForeignKey(
        "core.User",
        verbose_name="包联人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="investment_leads",
    )
    area = models.ForeignKey(
        "core.Area", verbose_name="所属区域", on_delete=models.PROTECT, related_name="investment_leads"
    )
    stage = models.CharField(
        "项目阶段", max_length=16, choices=LeadStage.choices, default=LeadStage.CONTACTED
    )
    contacted_on = models.DateField("接洽日期")
    negotiating_on = models.DateField("洽谈日期", null=True, blank=True)
    signed_on = models.DateField("签约日期", null=True, blank=True)
    settled_on = models.DateField("落地日期", null=True, blank=True)
    dropped_on = models.DateField("终止日期", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "招商引资项目"
        ordering = ["-contacted_on", "-id"]
        indexes = [
            models.Index(fields=["stage"], name="lead_stage_idx"),
            models.Index(fields=["settled_on"], name="lead_settled_on_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["name"], name="lead_unique_name", violation_error_message="已有同名招商引资项目"
            ),
            models.CheckConstraint(
                name="lead_amount_not_negative",
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                violation_error_message="计划投资额不能为负数",
            ),
            models.CheckConstraint(
                name="lead_stage_matches_dates",
                condition=_stage_dates_match(),
                violation_error_message="项目阶段与各阶段日期不一致",
            ),
            models.CheckConstraint(
                name="lead_stage_dates_in_order",
                condition=_stage_dates_in_order(),
                violation_error_message="各阶段日期不能早于上一阶段的日期",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("lead_detail", args=[self.pk])

    def date_of(self, stage: str) -> date | None:
        return getattr(self, STAGE_DATE_FIELDS[stage])

    @property
    def stage_date(self) -> date | None:
        """The date the current stage was reached."""
        return self.date_of(self.stage)
