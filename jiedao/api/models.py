"""Personal API tokens and the remembered answers of idempotent creates.

A token acts as its user: the same roles, scope and permissions as the pages. Only its SHA-256 is stored; the
plain token is shown once, when it is created (`jiedao apitoken create`).
"""

from django.db import models
from django.db.models import Q


class ApiToken(models.Model):
    user = models.ForeignKey(
        "core.User", verbose_name="账号", on_delete=models.PROTECT, related_name="api_tokens"
    )
    name = models.CharField("名称", max_length=60, help_text="使用该令牌的程序或用途")
    prefix = models.CharField("令牌前缀", max_length=16, editable=False, help_text="用于辨认令牌")
    key_hash = models.CharField("令牌摘要", max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "API令牌"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name}（{self.prefix}…）"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class IdempotencyKey(models.Model):
    """The answer to a create sent with an `Idempotency-Key` header, replayed when the same user sends the same
    key again. Written in the transaction that creates the case: both exist or neither does."""

    user = models.ForeignKey("core.User", verbose_name="账号", on_delete=models.CASCADE, related_name="+")
    key = models.CharField("幂等键", max_length=255)
    request_hash = models.CharField("请求摘要", max_length=64)
    status = models.PositiveSmallIntegerField("响应状态")
    # The JSON text itself, not a JSONField: PostgreSQL's jsonb would reorder the keys, and a replay must
    # be the first answer byte for byte.
    response = models.TextField("响应内容（JSON）")
    created_at = models.DateTimeField("创建时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "幂等键"
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_unique_per_user"),
            models.CheckConstraint(name="idempotency_key_not_empty", condition=~Q(key="")),
        ]

    def __str__(self):
        return self.key
