"""Activity ledgers (活动台账) and publicity (信息宣传).

An `Activity` is one held event (one 场次): a lecture, a clean-up, a visit. What it achieved is counted in
`ActivityValue`s, one per `Measure` its `ActivityType` declares (参与人次, 清理吨数 …). Offices define new types
and measures without code; the indicators of the annual report count activities of a type or sum a measure.

An `InfoItem` (信息稿件) is a piece sent to the media; each `Adoption` records that an outlet of one level
(中央/自治区/市/区) published it.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from jiedao.core.scoping import ScopedQuerySet


class Measure(models.Model):
    """Something an activity counts (参与人次, 发放材料份数, 清理吨数 …)."""

    code = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=40, unique=True)
    unit = models.CharField("单位", max_length=10)
    decimal_places = models.PositiveSmallIntegerField(
        "小数位数", default=0, help_text="0 表示只能填整数；吨数等可设为1或2"
    )
    sort_order = models.PositiveIntegerField("排序", default=0)
    active = models.BooleanField("启用", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "计量项"
        ordering = ["sort_order", "code"]
        constraints = [
            models.CheckConstraint(
                name="measure_decimal_places_max_2",
                condition=Q(decimal_places__lte=2),
                violation_error_message="小数位数最多为2",
            )
        ]

    def __str__(self):
        return f"{self.name}（{self.unit}）"


class ActivityType(models.Model):
    """A kind of activity an office holds (民族团结宣传, 河道清理 …) and the measures its records carry."""

    code = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=40, unique=True)
    office = models.ForeignKey(
        "core.Office",
        verbose_name="主管科室",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activity_types",
    )
    measures = models.ManyToManyField(Measure, verbose_name="计量项", blank=True, related_name="types")
    sort_order = models.PositiveIntegerField("排序", default=0)
    active = models.BooleanField("启用", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "活动类型"
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name


class Activity(models.Model):
    type = models.ForeignKey(
        ActivityType, verbose_name="活动类型", on_delete=models.PROTECT, related_name="activities"
    )
    held_on = models.DateField("开始日期")
    ended_on = models.DateField("结束日期", null=True, blank=True, help_text="一天内结束的活动不填")
    title = models.CharField("活动名称", max_length=100)
    place = models.CharField("地点", max_length=100, blank=True)
    organiser = models.CharField("组织单位", max_length=100, blank=True)
    area = models.ForeignKey(
        "core.Area", verbose_name="所属区域", on_delete=models.PROTECT, related_name="activities"
    )
    office = models.ForeignKey(
        "core.Office",
        verbose_name="科室",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    description = models.TextField("活动内容", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", default=timezone.now, editable=False)
    # Optimistic lock: an edit made on a stale copy is refused, never merged.
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "活动"
        ordering = ["-held_on", "-id"]
        permissions = [("import_activity", "导入活动台账"), ("export_activity", "导出活动台账")]
        indexes = [
            models.Index(fields=["type", "held_on"], name="activity_type_held_on_idx"),
            models.Index(fields=["held_on"], name="activity_held_on_idx"),
        ]
        constraints = [
            # The ledger's natural key: a re-import finds the activity by it.
            models.UniqueConstraint(
                fields=["type", "held_on", "title", "area"],
                name="activity_unique_type_day_title_area",
                violation_error_message="该区域在同一天已登记同名的同类活动",
            ),
            models.CheckConstraint(
                name="activity_ended_on_after_held_on",
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("held_on")),
                violation_error_message="结束日期不能早于开始日期",
            ),
        ]

    figure_date = "held_on"  # 指标明细 (jiedao/reports/records.py) shows and orders activities by it

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("activity_detail", args=[self.pk])


class ActivityValueQuerySet(ScopedQuerySet):
    scope_field = "activity__area"


class ActivityValue(models.Model):
    activity = models.ForeignKey(
        Activity, verbose_name="活动", on_delete=models.CASCADE, related_name="values"
    )
    measure = models.ForeignKey(
        Measure, verbose_name="计量项", on_delete=models.PROTECT, related_name="values"
    )
    value = models.DecimalField("数值", max_digits=14, decimal_places=2)

    objects = ActivityValueQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "活动计量值"
        ordering = ["measure__sort_order", "measure_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "measure"],
                name="activity_value_unique_measure",
                violation_error_message="同一活动的同一计量项只能填写一次",
            ),
            models.CheckConstraint(
                name="activity_value_not_negative",
                condition=Q(value__gte=0),
                violation_error_message="数值不能为负数",
            ),
        ]

    # 指标明细 (jiedao/reports/records.py) lists a value as the activity it belongs to, by its date.
    figure_parent = "activity"
    figure_date = "activity__held_on"

    def __str__(self):
        return f"{self.measure.name} {self.value}"


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", "照片"
    DOCUMENT = "document", "文档"


class ActivityAttachment(models.Model):
    """A photo or document of an activity; served only by the scoped view `activity_attachment`."""

    activity = models.ForeignKey(
        Activity, verbose_name="活动", on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField("类别", max_length=10, choices=AttachmentKind.choices)
    file = models.FileField("文件", upload_to="activities/%Y/%m/", max_length=200)
    original_name = models.CharField("文件名", max_length=255)
    content_type = models.CharField("类型", max_length=120)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "活动附件"
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name


class AdoptionLevel(models.TextChoices):
    CENTRAL = "central", "中央"
    REGION = "region", "自治区(省)"
    CITY = "city", "市"
    DISTRICT = "district", "区"


class InfoItem(models.Model):
    """信息稿件: a piece of news the street sent to the media."""

    title = models.CharField("标题", max_length=150)
    author = models.CharField("作者", max_length=50)
    submitted_on = models.DateField("报送日期")
    office = models.ForeignKey(
        "core.Office",
        verbose_name="报送科室",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="info_items",
    )
    area = models.ForeignKey(
        "core.Area", verbose_name="所属区域", on_delete=models.PROTECT, related_name="info_items"
    )
    summary = models.TextField("内容摘要", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "信息稿件"
        ordering = ["-submitted_on", "-id"]
        permissions = [("import_infoitem", "导入信息稿件台账"), ("export_infoitem", "导出信息稿件台账")]
        indexes = [models.Index(fields=["submitted_on"], name="infoitem_submitted_on_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "submitted_on"],
                name="infoitem_unique_title_day",
                violation_error_message="同一天已登记同名稿件",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("infoitem_detail", args=[self.pk])


class AdoptionQuerySet(ScopedQuerySet):
    scope_field = "item__area"


class Adoption(models.Model):
    item = models.ForeignKey(
        InfoItem, verbose_name="稿件", on_delete=models.CASCADE, related_name="adoptions"
    )
    level = models.CharField("媒体级别", max_length=10, choices=AdoptionLevel.choices)
    outlet = models.CharField("媒体名称", max_length=60)
    adopted_on = models.DateField("采用日期")

    history = HistoricalRecords()
    objects = AdoptionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "稿件采用"
        ordering = ["item", "level"]
        indexes = [models.Index(fields=["level", "adopted_on"], name="adoption_level_day_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "level"],
                name="adoption_unique_item_level",
                violation_error_message="同一稿件在同一级别只能登记一次采用",
            )
        ]

    # 指标明细 (jiedao/reports/records.py) lists an adoption as the item adopted.
    figure_parent = "item"

    def __str__(self):
        return f"{self.get_level_display()}·{self.outlet}"
