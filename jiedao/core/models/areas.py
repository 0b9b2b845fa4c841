"""The area tree: 街道 → 社区 → 网格.

An area never moves in the tree. When the map changes (奔腾社区 carved out of 赛马场北路社区 in 2023) the
affected areas are retired (`valid_to`) and successors are created, linked by an `AreaChange`. Records point
at the area they had when they happened, so historical figures keep adding up under the old parent.
"""

from datetime import date

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from jiedao.core.scoping import ScopedQuerySet


class AreaLevel(models.TextChoices):
    STREET = "street", "街道"
    COMMUNITY = "community", "社区"
    GRID = "grid", "网格"


LEVEL_DEPTH = {AreaLevel.STREET: 0, AreaLevel.COMMUNITY: 1, AreaLevel.GRID: 2}


class CommunityType(models.TextChoices):
    URBAN = "urban", "城市社区"
    VILLAGE = "village", "村转居社区"


class AreaQuerySet(ScopedQuerySet):
    scope_field = ""  # an area is scoped by its own path

    def active_on(self, on: date):
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on), valid_from__lte=on)

    def current(self):
        return self.filter(valid_to__isnull=True)

    def under(self, area: "Area", *, include_self: bool = True):
        qs = self.filter(path__startswith=area.path)
        return qs if include_self else qs.exclude(pk=area.pk)

    def communities(self):
        return self.filter(level=AreaLevel.COMMUNITY)

    def grids(self):
        return self.filter(level=AreaLevel.GRID)


class Area(models.Model):
    code = models.CharField("区划代码", max_length=20, unique=True)
    name = models.CharField("名称", max_length=60)
    level = models.CharField("层级", max_length=16, choices=AreaLevel.choices)
    community_type = models.CharField("社区类型", max_length=16, choices=CommunityType.choices, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级区域",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # "/<street code>/<community code>/<grid code>/": everything under an area is one prefix query.
    path = models.CharField("路径", max_length=255, unique=True, editable=False)
    sort_order = models.PositiveIntegerField("排序", default=0)
    valid_from = models.DateField("设立日期", default=date(2000, 1, 1))
    valid_to = models.DateField("撤销日期", null=True, blank=True, help_text="为空表示现行区域")
    note = models.CharField("备注", max_length=200, blank=True)

    history = HistoricalRecords()
    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "区域"
        ordering = ["path"]
        indexes = [
            # LIKE 'prefix%' uses a btree on PostgreSQL only with the pattern operator class.
            models.Index(fields=["path"], name="area_path_prefix_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["level", "valid_to"], name="area_level_current_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                name="area_community_type_only_on_communities",
                violation_error_message="社区必须选择社区类型，街道和网格不设社区类型",
                condition=Q(level=AreaLevel.COMMUNITY, community_type__in=CommunityType.values)
                | (~Q(level=AreaLevel.COMMUNITY) & Q(community_type="")),
            ),
            models.CheckConstraint(
                name="area_street_has_no_parent",
                violation_error_message="街道不能有上级区域，社区和网格必须有上级区域",
                condition=Q(level=AreaLevel.STREET, parent__isnull=True)
                | (~Q(level=AreaLevel.STREET) & Q(parent__isnull=False)),
            ),
            models.CheckConstraint(
                name="area_valid_to_after_valid_from",
                violation_error_message="撤销日期必须晚于设立日期",
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
            ),
        ]

    def __str__(self):
        return self.name if self.valid_to is None else f"{self.name}（已撤销）"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("area_detail", args=[self.pk])

    @property
    def label(self) -> str:
        """The name staff recognise out of context: a grid is named with its community."""
        if self.level == AreaLevel.GRID and self.parent_id:
            return f"{self.parent.name}{self.name}"
        return self.name

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    @property
    def depth(self) -> int:
        return LEVEL_DEPTH[self.level]

    def ancestors(self):
        """The areas above this one, street first."""
        codes = [c for c in self.path.strip("/").split("/")][:-1]
        by_code = {a.code: a for a in Area.objects.filter(code__in=codes)}
        return [by_code[c] for c in codes]

    def community(self) -> "Area | None":
        if self.level == AreaLevel.COMMUNITY:
            return self
        if self.level == AreaLevel.GRID:
            return self.parent
        return None

    def contains(self, other: "Area") -> bool:
        return other.path.startswith(self.path)


class AreaChangeKind(models.TextChoices):
    CREATE = "create", "新设"
    SPLIT = "split", "拆分"
    MERGE = "merge", "合并"
    RENAME = "rename", "更名"
    RETIRE = "retire", "撤销"


class AreaChange(models.Model):
    """One restructuring of the map: which areas ended and which replaced them, on which date."""

    kind = models.CharField("变更类型", max_length=16, choices=AreaChangeKind.choices)
    effective_on = models.DateField("生效日期")
    sources = models.ManyToManyField(Area, verbose_name="原区域", related_name="changes_from", blank=True)
    results = models.ManyToManyField(Area, verbose_name="新区域", related_name="changes_to", blank=True)
    note = models.TextField("说明", blank=True)
    recorded_by = models.ForeignKey(
        "core.User", verbose_name="登记人", null=True, blank=True, on_delete=models.PROTECT
    )
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "区划变更"
        ordering = ["-effective_on", "-id"]

    def __str__(self):
        return f"{self.effective_on} {self.get_kind_display()}"
