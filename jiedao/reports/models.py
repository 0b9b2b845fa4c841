"""The annual work summary's narrative, kept per year (the figures are never stored: they are computed)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jiedao.core.scoping import ScopedQuerySet


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    FINAL = "final", "定稿"


class AnnualReport(models.Model):
    """One per street and year: the staff's narrative of each template section (section key → text).

    Sections absent from `sections` take the template's default narrative (reports/annual/template.py)."""

    area = models.ForeignKey("core.Area", verbose_name="街道", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    sections = models.JSONField("各部分正文", default=dict, blank=True)
    status = models.CharField("状态", max_length=8, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    version = models.PositiveIntegerField("版本", default=1)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="修改人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "年度工作总结"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="annualreport_one_per_area_year"),
            models.CheckConstraint(
                condition=models.Q(year__gte=2000) & models.Q(year__lte=2100), name="annualreport_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年工作总结"
