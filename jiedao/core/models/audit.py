"""Append-only security audit log (等保: 安全审计).

Rows are only ever inserted: the model refuses save-after-create and delete, and the database refuses
UPDATE (a trigger on SQLite and PostgreSQL) and DELETE (PostgreSQL trigger; see migration 0002).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEvent(models.TextChoices):
    LOGIN = "login", "登录"
    LOGIN_FAILED = "login_failed", "登录失败"
    ACCOUNT_LOCKED = "account_locked", "账号锁定"
    LOGOUT = "logout", "退出登录"
    PERMISSION_DENIED = "permission_denied", "权限拒绝"
    OUT_OF_SCOPE = "out_of_scope", "越权访问"
    ROLE_GRANTED = "role_granted", "授予角色"
    ROLE_REVOKED = "role_revoked", "撤销角色"
    ACCOUNT_CREATED = "account_created", "创建账号"
    ACCOUNT_CHANGED = "account_changed", "修改账号"
    PASSWORD_CHANGED = "password_changed", "修改密码"
    AREA_CHANGED = "area_changed", "区划变更"
    CALENDAR_CHANGED = "calendar_changed", "工作日历变更"
    VIEW_FULL = "view_full", "查看完整信息"
    EXPORT = "export", "导出"
    IMPORT = "import", "导入"
    CREDENTIAL_CREATED = "credential_created", "创建接口凭据"
    CREDENTIAL_REVOKED = "credential_revoked", "吊销接口凭据"


class AuditLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("审计日志只允许追加，不允许修改")

    def delete(self):
        raise PermissionError("审计日志只允许追加，不允许删除")


class AuditLog(models.Model):
    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    # No FK constraint: the log must outlive anything it mentions and never be rewritten by a cascade.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    username = models.CharField("账号", max_length=150, blank=True)
    ip = models.GenericIPAddressField("IP地址", null=True, blank=True)
    event = models.CharField("事件", max_length=32, choices=AuditEvent.choices, db_index=True)
    object_type = models.CharField("对象类型", max_length=100, blank=True)
    object_id = models.CharField("对象ID", max_length=64, blank=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    success = models.BooleanField("成功", default=True)
    path = models.CharField("请求路径", max_length=300, blank=True)
    detail = models.JSONField("详情", default=dict, blank=True)

    objects = AuditLogQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "审计日志"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["username", "at"], name="audit_username_at_idx")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username or '匿名'} {self.get_event_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("审计日志只允许追加，不允许修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("审计日志只允许追加，不允许删除")
