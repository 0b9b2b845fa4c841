"""Who lives here: households (户) and residents (居民), their tags and the events that move them.

ID numbers and phone numbers are stored encrypted (`*_cipher`, AES-GCM), with a keyed blind index
(`*_index`) for exact lookup and the masked form (`*_masked`) for display; `jiedao.core.crypto` makes all
three. A resident's moves are `ResidentEvent`s written by the services, never edits of the record.
"""

from datetime import date

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from jiedao.core.scoping import ScopedQuerySet

ETHNICITIES = [
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
]

# GB/T 3304 codes: 01 汉族 … 56 基诺族, 97 其他未识别民族, 98 外国血统中国籍人士.
Ethnicity = models.TextChoices(
    "Ethnicity",
    [(f"E{i:02d}", (f"{i:02d}", name)) for i, name in enumerate(ETHNICITIES, start=1)]
    + [("E97", ("97", "其他未识别民族")), ("E98", ("98", "外国血统中国籍人士"))],
)


class Gender(models.TextChoices):
    MALE = "M", "男"
    FEMALE = "F", "女"


class Residence(models.TextChoices):
    PERMANENT = "permanent", "常住"
    FLOATING = "floating", "流动"


class ResidentStatus(models.TextChoices):
    ACTIVE = "active", "在册"
    MOVED_OUT = "moved_out", "迁出"
    DECEASED = "deceased", "死亡"


class Relation(models.TextChoices):
    HEAD = "head", "户主"
    SPOUSE = "spouse", "配偶"
    CHILD = "child", "子女"
    PARENT = "parent", "父母"
    GRANDCHILD = "grandchild", "孙子女"
    GRANDPARENT = "grandparent", "祖父母"
    SIBLING = "sibling", "兄弟姐妹"
    CHILD_IN_LAW = "child_in_law", "儿媳/女婿"
    OTHER = "other", "其他"


class HouseholdKind(models.TextChoices):
    FAMILY = "family", "家庭户"
    COLLECTIVE = "collective", "集体户"


class Household(models.Model):
    number = models.CharField("户编号", max_length=30, unique=True)
    building = models.ForeignKey(
        "registry.Building",
        verbose_name="楼栋",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="households",
    )
    unit = models.CharField("单元", max_length=10, blank=True)
    room = models.CharField("房号", max_length=20, blank=True)
    address = models.CharField(
        "地址", max_length=200, help_text="楼房住户由小区、楼栋、单元、房号生成；平房填写门牌地址"
    )
    # Follows the building's grid; set by the services.
    area = models.ForeignKey(
        "core.Area", verbose_name="所属网格", on_delete=models.PROTECT, related_name="households"
    )
    kind = models.CharField(
        "户别", max_length=16, choices=HouseholdKind.choices, default=HouseholdKind.FAMILY
    )
    note = models.CharField("备注", max_length=200, blank=True)

    history = HistoricalRecords(no_db_index=["number", "building", "area"])
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "户"
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["building", "unit", "room"],
                condition=Q(building__isnull=False),
                name="household_unique_room",
                violation_error_message="该楼栋的这一单元、房号已登记为一户",
            )
        ]

    def __str__(self):
        return self.address

    def get_absolute_url(self) -> str:
        return reverse("household_detail", args=[self.pk])


class ResidentQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(status=ResidentStatus.ACTIVE)

    def registered_on(self, on: date):
        """Residents on the register on a date: arrived by then and not yet left."""
        return self.filter(Q(left_on__isnull=True) | Q(left_on__gt=on), registered_on__lte=on)


class Resident(models.Model):
    # Searched by prefix through the byte-order indexes of migrations 0003 (PostgreSQL) and 0004 (SQLite).
    name = models.CharField("姓名", max_length=50)
    name_initials = models.CharField("拼音首字母", max_length=20, editable=False)
    id_number_cipher = models.BinaryField("身份证号码（密文）", editable=False)
    id_number_index = models.CharField("身份证号码索引", max_length=32, editable=False)
    id_number_masked = models.CharField("身份证号码", max_length=18, editable=False)
    phone_cipher = models.BinaryField("联系电话（密文）", null=True, blank=True, editable=False)
    phone_index = models.CharField(max_length=32, blank=True, editable=False)
    phone_masked = models.CharField("联系电话", max_length=11, blank=True, editable=False)
    gender = models.CharField("性别", max_length=1, choices=Gender.choices, editable=False)
    birth_date = models.DateField("出生日期", editable=False)
    hukou_local = models.BooleanField("本地户籍", default=True)
    residence = models.CharField(
        "居住类型", max_length=16, choices=Residence.choices, default=Residence.PERMANENT
    )
    household = models.ForeignKey(
        Household,
        verbose_name="所在户",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    relation = models.CharField("与户主关系", max_length=16, choices=Relation.choices, blank=True)
    ethnicity = models.CharField("民族", max_length=2, choices=Ethnicity.choices, default="01")
    party_member = models.BooleanField("中共党员", default=False)
    # Indexed together with status (resident_area_status_idx), which serves every lookup by area.
    area = models.ForeignKey(
        "core.Area",
        verbose_name="所属网格",
        on_delete=models.PROTECT,
        related_name="residents",
        db_index=False,
    )
    status = models.CharField(
        "状态", max_length=16, choices=ResidentStatus.choices, default=ResidentStatus.ACTIVE
    )
    registered_on = models.DateField("登记日期")
    left_on = models.DateField("注销日期", null=True, blank=True, help_text="迁出或死亡的日期")
    note = models.CharField("备注", max_length=200, blank=True)
    # Optimistic lock: an edit made on a stale copy is refused, never merged.
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    # The history is read by resident (its `id` stays indexed); every other index there would only slow
    # the bulk imports that write a history row per resident.
    history = HistoricalRecords(
        excluded_fields=["name_initials"], no_db_index=["id_number_index", "household", "area"]
    )
    objects = ResidentQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "居民"
        ordering = ["name", "id"]
        permissions = [
            ("view_full_resident", "查看居民完整身份证号码和电话"),
            ("import_resident", "导入居民"),
            ("export_resident", "导出居民"),
        ]
        indexes = [
            # On PostgreSQL it also holds what the population figures count (dashboard, 人口统计), so a
            # community's are read from the index alone (bench/dashboard_bench.py).
            models.Index(
                fields=["area", "status"],
                include=["residence", "birth_date", "registered_on", "left_on"],
                name="resident_area_status_idx",
            ),
            models.Index(fields=["phone_index"], name="resident_phone_index_idx"),
            # PostgreSQL also has (name COLLATE "C", id) and (name_initials COLLATE "C", …) indexes for
            # prefix searches in order: see migration 0003 and selectors.bytewise().
            models.Index(fields=["birth_date"], name="resident_birth_date_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["id_number_index"],
                name="resident_unique_id_number",
                violation_error_message="该身份证号码已登记",
            ),
            models.CheckConstraint(
                name="resident_left_on_only_when_gone",
                condition=Q(status=ResidentStatus.ACTIVE, left_on__isnull=True)
                | (~Q(status=ResidentStatus.ACTIVE) & Q(left_on__isnull=False)),
                violation_error_message="在册居民不能有注销日期；迁出或死亡的居民必须有注销日期",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("resident_detail", args=[self.pk])

    def age_on(self, on: date) -> int:
        return (
            on.year
            - self.birth_date.year
            - ((on.month, on.day) < (self.birth_date.month, self.birth_date.day))
        )


class Tag(models.TextChoices):
    DIBAO = "dibao", "低保"
    TEKUN = "tekun", "特困"
    DISABLED = "disabled", "残疾"
    VETERAN = "veteran", "退役军人"
    BEREAVED_FAMILY = "bereaved_family", "失独家庭"
    DISABLED_FAMILY = "disabled_family", "伤残家庭"
    COMMUNITY_CORRECTION = "community_correction", "社区矫正"
    KEY_PERSON = "key_person", "重点人员"
    LONELY_ELDERLY = "lonely_elderly", "孤寡老人"
    VOLUNTEER = "volunteer", "志愿者"
    BUILDING_HEAD = "building_head", "楼栋长"


# 高龄 (80+) is derived from the birth date, never stored as a tag; filters name it with this code.
ELDERLY_AGE = 80
ELDERLY_AGE_TAG = "elderly"


class ResidentTagQuerySet(models.QuerySet):
    def valid_on(self, on: date):
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on), valid_from__lte=on)


class ResidentTag(models.Model):
    resident = models.ForeignKey(Resident, verbose_name="居民", on_delete=models.PROTECT, related_name="tags")
    tag = models.CharField("标签", max_length=24, choices=Tag.choices)
    valid_from = models.DateField("起始日期")
    valid_to = models.DateField("终止日期", null=True, blank=True, help_text="为空表示仍然有效")
    note = models.CharField("备注", max_length=200, blank=True)

    history = HistoricalRecords()
    objects = ResidentTagQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "居民标签"
        ordering = ["resident_id", "tag", "valid_from"]
        indexes = [models.Index(fields=["tag", "valid_from", "valid_to"], name="resident_tag_validity_idx")]
        constraints = [
            models.CheckConstraint(
                name="resident_tag_valid_to_after_from",
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                violation_error_message="终止日期必须晚于起始日期",
            ),
            models.UniqueConstraint(
                fields=["resident", "tag"],
                condition=Q(valid_to__isnull=True),
                name="resident_tag_one_open_period",
                violation_error_message="该居民已有此标签且仍然有效",
            ),
        ]

    def __str__(self):
        return f"{self.resident.name} · {self.get_tag_display()}"


class ResidentEventKind(models.TextChoices):
    REGISTER = "register", "登记"
    MOVE_IN = "move_in", "迁入"
    TRANSFER = "transfer", "户间变动"
    MOVE_OUT = "move_out", "迁出"
    DEATH = "death", "死亡"
    CORRECTION = "correction", "信息更正"


class ResidentEvent(models.Model):
    """One move of a resident. A log: its references to households and areas carry no database constraint
    (nothing is ever deleted, and the log must never block or be rewritten by a change elsewhere), which
    also spares a bulk import one foreign-key check per reference."""

    resident = models.ForeignKey(
        Resident, verbose_name="居民", on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField("事件", max_length=16, choices=ResidentEventKind.choices)
    occurred_on = models.DateField("发生日期")
    from_household = models.ForeignKey(
        Household,
        verbose_name="原户",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    to_household = models.ForeignKey(
        Household,
        verbose_name="新户",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    from_area = models.ForeignKey(
        "core.Area",
        verbose_name="原网格",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    to_area = models.ForeignKey(
        "core.Area",
        verbose_name="新网格",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    note = models.CharField("说明", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        "core.User",
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "居民变动"
        ordering = ["-occurred_on", "-id"]

    def __str__(self):
        return f"{self.occurred_on} {self.get_kind_display()}"
