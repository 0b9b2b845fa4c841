"""Where people live and work: compounds (小区), buildings (楼栋) and premises (场所)."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from jiedao.core.scoping import ScopedQuerySet, scope_q


class CompoundQuerySet(ScopedQuerySet):
    def for_user(self, user):
        # A compound belongs to a community, but a grid worker sees the compounds their grid's buildings stand in.
        return self.filter(
            scope_q(user, "area") | Q(pk__in=Building.objects.for_user(user).values("compound"))
        )


class Compound(models.Model):
    name = models.CharField("小区名称", max_length=60)
    area = models.ForeignKey(
        "core.Area", verbose_name="所属社区", on_delete=models.PROTECT, related_name="compounds"
    )
    address = models.CharField("地址", max_length=200, blank=True)
    built_year = models.PositiveSmallIntegerField("建成年份", null=True, blank=True)
    property_company = models.CharField("物业服务企业", max_length=100, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    history = HistoricalRecords()
    objects = CompoundQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "小区"
        ordering = ["area__path", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "name"],
                name="compound_unique_name_in_community",
                violation_error_message="该社区已有同名小区",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("compound_detail", args=[self.pk])


class Building(models.Model):
    compound = models.ForeignKey(
        Compound, verbose_name="小区", on_delete=models.PROTECT, related_name="buildings"
    )
    name = models.CharField("楼栋", max_length=30, help_text="如：3号楼")
    area = models.ForeignKey(
        "core.Area", verbose_name="所属网格", on_delete=models.PROTECT, related_name="buildings"
    )
    floors = models.PositiveSmallIntegerField("层数", null=True, blank=True)
    units = models.PositiveSmallIntegerField("单元数", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "楼栋"
        ordering = ["compound_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["compound", "name"],
                name="building_unique_name_in_compound",
                violation_error_message="该小区已有同名楼栋",
            )
        ]

    def __str__(self):
        return f"{self.compound.name}{self.name}"


class PremisesKind(models.TextChoices):
    SHOP = "shop", "商铺"
    THREE_IN_ONE = "three_in_one", "三合一场所"
    LPG_USER = "lpg_user", "瓶装液化气用户"
    CROWDED = "crowded", "人员密集场所"
    SELF_BUILT = "self_built", "自建房"
    BUNGALOW = "bungalow", "平房区"
    RELIGIOUS = "religious", "宗教场所"
    NINE_SMALL = "nine_small", "九小场所"
    OTHER = "other", "其他"


class PremisesSubKind(models.TextChoices):
    CHURCH = "church", "基督教堂"
    MEETING_POINT = "meeting_point", "聚会点"
    FOLK_BELIEF = "folk_belief", "民间信仰场所"
    SMALL_RESTAURANT = "small_restaurant", "小餐饮"
    SMALL_HOTEL = "small_hotel", "小旅馆"
    SMALL_STORE = "small_store", "小商店"
    SMALL_BEAUTY = "small_beauty", "小美容洗浴"
    SMALL_ENTERTAINMENT = "small_entertainment", "小歌舞娱乐"
    SMALL_INTERNET_CAFE = "small_internet_cafe", "小网吧"
    SMALL_SCHOOL = "small_school", "小学校（幼儿园）"
    SMALL_CLINIC = "small_clinic", "小医院（诊所）"
    SMALL_WORKSHOP = "small_workshop", "小生产加工企业"


# Which sub-kinds a kind may have; a kind not listed has none.
SUB_KINDS = {
    PremisesKind.RELIGIOUS: [
        PremisesSubKind.CHURCH,
        PremisesSubKind.MEETING_POINT,
        PremisesSubKind.FOLK_BELIEF,
    ],
    PremisesKind.NINE_SMALL: [
        PremisesSubKind.SMALL_RESTAURANT,
        PremisesSubKind.SMALL_HOTEL,
        PremisesSubKind.SMALL_STORE,
        PremisesSubKind.SMALL_BEAUTY,
        PremisesSubKind.SMALL_ENTERTAINMENT,
        PremisesSubKind.SMALL_INTERNET_CAFE,
        PremisesSubKind.SMALL_SCHOOL,
        PremisesSubKind.SMALL_CLINIC,
        PremisesSubKind.SMALL_WORKSHOP,
    ],
}


class PremisesStatus(models.TextChoices):
    OPEN = "open", "在营"
    SUSPENDED = "suspended", "停业"
    CLOSED = "closed", "注销"


class Premises(models.Model):
    kind = models.CharField("场所类型", max_length=20, choices=PremisesKind.choices)
    sub_kind = models.CharField("细分类型", max_length=30, choices=PremisesSubKind.choices, blank=True)
    name = models.CharField("场所名称", max_length=100)
    operator_name = models.CharField("负责人", max_length=50, blank=True)
    operator_phone_cipher = models.BinaryField("负责人电话（密文）", null=True, blank=True, editable=False)
    operator_phone_index = models.CharField(max_length=32, blank=True, db_index=True, editable=False)
    operator_phone_masked = models.CharField("负责人电话", max_length=20, blank=True, editable=False)
    address = models.CharField("地址", max_length=200)
    compound = models.ForeignKey(
        Compound,
        verbose_name="小区",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="premises",
    )
    building = models.ForeignKey(
        Building,
        verbose_name="楼栋",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="premises",
    )
    area = models.ForeignKey(
        "core.Area", verbose_name="所属区域", on_delete=models.PROTECT, related_name="premises"
    )
    status = models.CharField(
        "状态", max_length=16, choices=PremisesStatus.choices, default=PremisesStatus.OPEN
    )
    registered_on = models.DateField("登记日期")
    closed_on = models.DateField("注销日期", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "场所"
        ordering = ["kind", "name"]
        indexes = [models.Index(fields=["kind", "status"], name="premises_kind_status_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "name", "address"],
                name="premises_unique_kind_name_address",
                violation_error_message="同一地址已登记同名同类场所",
            ),
            models.CheckConstraint(
                name="premises_closed_on_only_when_closed",
                condition=Q(closed_on__isnull=True) | Q(status=PremisesStatus.CLOSED),
                violation_error_message="只有已注销的场所才有注销日期",
            ),
        ]

    def __str__(self):
        return self.name
