"""Annual targets (目标任务): what an indicator should reach in a year within an area — 两癌筛查 600人,
兵役登记 120人, the next year's plan (plan.*: 老旧小区改造 9个 …). Completion is the indicator's computed value
for that year and area divided by the target (jiedao/targets/selectors.py)."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from jiedao.core.scoping import ScopedQuerySet


class Target(models.Model):
    code = models.CharField("指标代码", max_length=64)
    area = models.ForeignKey("core.Area", verbose_name="区域", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    value = models.DecimalField("目标值", max_digits=14, decimal_places=2)
    note = models.CharField("说明", max_length=200, blank=True)

    # Optimistic lock: an edit made on a stale copy is refused, never merged (jiedao.core.concurrency).
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "目标任务"
        ordering = ["-year", "code", "area__path"]
        permissions = [("import_target", "导入目标任务"), ("export_target", "导出目标任务")]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "area", "year"],
                name="target_unique_code_area_year",
                violation_error_message="该区域本年度已有这一指标的目标",
            ),
            models.CheckConstraint(
                name="target_value_positive",
                condition=Q(value__gt=0),
                violation_error_message="目标值应大于0",
            ),
        ]

    def __str__(self):
        return f"{self.year}年 {self.code} {self.value}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("target_detail", args=[self.pk])
