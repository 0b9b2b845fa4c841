from django.conf import settings
from django.db import models


class ImportStatus(models.TextChoices):
    FAILED = "failed", "未导入（有错误）"
    SUCCEEDED = "succeeded", "已导入"


class ImportJob(models.Model):
    """One attempt to import a file: who, which ledger, what came of it, and the problems found."""

    ledger = models.CharField("台账", max_length=40, db_index=True)
    file_name = models.CharField("文件名", max_length=200)
    file_sha256 = models.CharField("文件摘要", max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="导入人", null=True, blank=True, on_delete=models.PROTECT
    )
    started_at = models.DateTimeField("开始时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    status = models.CharField("结果", max_length=16, choices=ImportStatus.choices)
    rows_total = models.PositiveIntegerField("数据行数", default=0)
    rows_created = models.PositiveIntegerField("新增", default=0)
    rows_updated = models.PositiveIntegerField("更新", default=0)
    rows_unchanged = models.PositiveIntegerField("未变", default=0)
    error_count = models.PositiveIntegerField("错误数", default=0)
    # (row, column, reason) triples; the first MAX_STORED_ERRORS are kept, error_count has them all.
    errors = models.JSONField("错误明细", default=list, blank=True)

    MAX_STORED_ERRORS = 10_000

    class Meta:
        verbose_name = verbose_name_plural = "导入记录"
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"{self.file_name}（{self.get_status_display()}）"

    @property
    def succeeded(self) -> bool:
        return self.status == ImportStatus.SUCCEEDED
