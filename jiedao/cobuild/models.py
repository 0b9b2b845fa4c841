"""Co-building and compound governance (共建与小区治理): the 三项清单 of co-building with units in the
district (需求清单, 资源清单, 项目清单), the civilized-city campaign's rectifications (创城整改), waste-sorting
facilities per compound (垃圾分类) and property management committees (物业管理委员会, 物管会).

Rows tied to a compound carry the compound's area (its community), so they are scoped like the compound's
community and roll up with it.
"""

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from jiedao.core.scoping import ScopedQuerySet


class ListKind(models.TextChoices):
    NEED = "need", "需求清单"
    RESOURCE = "resource", "资源清单"
    PROJECT = "project", "项目清单"


class ItemStatus(models.TextChoices):
    NOT_STARTED = "not_started", "未启动"
    IN_PROGRESS = "in_progress", "推进中"
    COMPLETED = "completed", "已完成"


class CobuildItem(models.Model):
    """One item of the 三项清单 agreed with a co-building unit (驻区单位) for a year."""

    kind = models.CharField("清单类型", max_length=16, choices=ListKind.choices)
    title = models.CharField("事项名称", max_length=100)
    area = models.ForeignKey(
        "core.Area", verbose_name="所属社区", on_delete=models.PROTECT, related_name="cobuild_items"
    )
    compound = models.ForeignKey(
        "registry.Compound",
        verbose_name="小区",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cobuild_items",
    )
    partner = models.CharField("共建单位", max_length=100)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name="共建单位（经济名录库）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cobuild_items",
    )
    year = models.PositiveSmallIntegerField("年度")
    status = models.CharField(
        "推进状态", max_length=16, choices=ItemStatus.choices, default=ItemStatus.NOT_STARTED
    )
    completed_on = models.DateField("完成日期", null=True, blank=True)
    description = models.CharField("事项内容", max_length=500, blank=True)

    # Optimistic lock: an edit made on a stale copy is refused, never merged (jiedao.core.concurrency).
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "三项清单"
        ordering = ["-year", "area__path", "kind", "title", "id"]
        permissions = [("import_cobuilditem", "导入三项清单"), ("export_cobuilditem", "导出三项清单")]
        indexes = [models.Index(fields=["year", "status"], name="cobuilditem_year_status_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "year", "title"],
                name="cobuilditem_unique_title",
                violation_error_message="该社区本年度已有同名清单事项",
            ),
            models.CheckConstraint(
                name="cobuilditem_completed_on_only_when_completed",
                condition=Q(status=ItemStatus.COMPLETED, completed_on__isnull=False)
                | (~Q(status=ItemStatus.COMPLETED) & Q(completed_on__isnull=True)),
                violation_error_message="状态为“已完成”时必须填写完成日期；未完成的事项不应填写完成日期",
            ),
        ]

    def __str__(self):
        return self.title


class RectificationCategory(models.TextChoices):
    SANITATION = "sanitation", "环境卫生"
    PUBLIC_ADS = "public_ads", "公益广告"
    DAMAGED_FACILITY = "damaged_facility", "设施破损"
    ORDER = "order", "秩序管理"
    GREENING = "greening", "绿化美化"
    OTHER = "other", "其他"


class RectificationStatus(models.TextChoices):
    PENDING = "pending", "待整改"
    IN_PROGRESS = "in_progress", "整改中"
    DONE = "done", "已整改"


class Rectification(models.Model):
    """A problem found during the civilized-city campaign (创城) and its rectification."""

    item = models.CharField("整改事项", max_length=200)
    category = models.CharField("问题类别", max_length=20, choices=RectificationCategory.choices)
    area = models.ForeignKey(
        "core.Area", verbose_name="所属社区", on_delete=models.PROTECT, related_name="rectifications"
    )
    compound = models.ForeignKey(
        "registry.Compound",
        verbose_name="小区",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rectifications",
    )
    found_on = models.DateField("发现日期")
    deadline = models.DateField("整改期限")
    rectified_on = models.DateField("完成整改日期", null=True, blank=True)
    status = models.CharField(
        "整改状态", max_length=16, choices=RectificationStatus.choices, default=RectificationStatus.PENDING
    )
    note = models.CharField("备注", max_length=200, blank=True)

    # Optimistic lock: an edit made on a stale copy is refused, never merged (jiedao.core.concurrency).
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "创城整改"
        ordering = ["-found_on", "-id"]
        permissions = [("import_rectification", "导入创城整改"), ("export_rectification", "导出创城整改")]
        indexes = [models.Index(fields=["found_on"], name="rectification_found_on_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "found_on", "item"],
                name="rectification_unique_item",
                violation_error_message="该社区当天已登记相同的整改事项",
            ),
            models.CheckConstraint(
                name="rectification_deadline_after_found",
                condition=Q(deadline__gte=F("found_on")),
                violation_error_message="整改期限不能早于发现日期",
            ),
            models.CheckConstraint(
                name="rectification_rectified_on_only_when_done",
                condition=Q(status=RectificationStatus.DONE, rectified_on__gte=F("found_on"))
                | (~Q(status=RectificationStatus.DONE) & Q(rectified_on__isnull=True)),
                violation_error_message="状态为“已整改”时必须填写不早于发现日期的完成整改日期；"
                "未整改的事项不应填写完成整改日期",
            ),
        ]

    def __str__(self):
        return self.item


class BinKind(models.TextChoices):
    """The four categories of GB/T 19095-2019 生活垃圾分类标志."""

    RECYCLABLE = "recyclable", "可回收物"
    HAZARDOUS = "hazardous", "有害垃圾"
    KITCHEN = "kitchen", "厨余垃圾"
    OTHER = "other", "其他垃圾"


class WasteFacility(models.Model):
    """The bins of one category set out in a compound."""

    compound = models.ForeignKey(
        "registry.Compound", verbose_name="小区", on_delete=models.PROTECT, related_name="waste_facilities"
    )
    kind = models.CharField("垃圾类别", max_length=16, choices=BinKind.choices)
    count = models.PositiveIntegerField("垃圾桶数量（个）")
    installed_on = models.DateField("设置日期")
    area = models.ForeignKey(
        "core.Area", verbose_name="所属社区", on_delete=models.PROTECT, related_name="waste_facilities"
    )

    # Optimistic lock: an edit made on a stale copy is refused, never merged (jiedao.core.concurrency).
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "垃圾分类设施"
        ordering = ["compound_id", "kind"]
        permissions = [
            ("import_wastefacility", "导入垃圾分类设施"),
            ("export_wastefacility", "导出垃圾分类设施"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["compound", "kind"],
                name="wastefacility_unique_kind",
                violation_error_message="该小区已登记这一类垃圾桶",
            ),
            models.CheckConstraint(
                name="wastefacility_count_not_negative",
                condition=Q(count__gte=0),
                violation_error_message="垃圾桶数量不能为负数",
            ),
        ]

    def __str__(self):
        return f"{self.compound_id}{self.get_kind_display()}"


class PropertyCommitteeQuerySet(ScopedQuerySet):
    def active_on(self, on):
        return self.filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=on), established_on__lte=on)


class PropertyCommittee(models.Model):
    """物业管理委员会 of a compound (one per compound)."""

    compound = models.OneToOneField(
        "registry.Compound",
        verbose_name="小区",
        on_delete=models.PROTECT,
        related_name="property_committee",
        error_messages={"unique": "该小区已成立物管会"},
    )
    area = models.ForeignKey(
        "core.Area", verbose_name="所属社区", on_delete=models.PROTECT, related_name="property_committees"
    )
    established_on = models.DateField("成立日期")
    director = models.CharField("主任", max_length=50)
    members = models.PositiveSmallIntegerField("委员人数")
    dissolved_on = models.DateField("解散日期", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    # Optimistic lock: an edit made on a stale copy is refused, never merged (jiedao.core.concurrency).
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    history = HistoricalRecords()
    objects = PropertyCommitteeQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "物管会"
        ordering = ["area__path", "compound__name"]
        permissions = [
            ("import_propertycommittee", "导入物管会"),
            ("export_propertycommittee", "导出物管会"),
        ]
        constraints = [
            models.CheckConstraint(
                name="propertycommittee_members_positive",
                condition=Q(members__gte=1),
                violation_error_message="委员人数至少为1人",
            ),
            models.CheckConstraint(
                name="propertycommittee_dissolved_after_established",
                condition=Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=F("established_on")),
                violation_error_message="解散日期不能早于成立日期",
            ),
        ]

    def __str__(self):
        return f"{self.compound}物管会"
