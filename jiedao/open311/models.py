"""API keys of the Open311 GeoReport v2 interface. Only the SHA-256 of a key is stored: the plain key is shown
once, when it is created."""

from django.db import models


class ApiKey(models.Model):
    name = models.CharField("名称", max_length=60, help_text="使用该密钥的单位或应用")
    key_hash = models.CharField("密钥摘要", max_length=64, unique=True, editable=False)
    key_prefix = models.CharField("密钥前缀", max_length=12, editable=False, help_text="用于辨认密钥")
    # case_create only files cases under a community or a grid.
    area = models.ForeignKey(
        "core.Area",
        verbose_name="默认区域",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level__in": ["community", "grid"]},
        help_text="该密钥提交的诉求登记到此社区或网格；为空则只能查询，不能提交",
    )
    active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "API密钥"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name}（{self.key_prefix}…）"
