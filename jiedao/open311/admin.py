"""API keys in 系统管理. Adding one generates the key and shows it once; keys are deactivated, never deleted."""

from django.contrib import admin, messages

from jiedao.open311.models import ApiKey
from jiedao.open311.services import apikey_create, apikeys_deactivate


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "key_prefix", "area", "active", "created_at", "last_used_at"]
    list_filter = ["active"]
    search_fields = ["name", "key_prefix"]
    readonly_fields = ["key_prefix", "created_at", "last_used_at"]
    actions = ["deactivate"]

    def get_fields(self, request, obj=None):
        return (
            ["name", "area"]
            if obj is None
            else ["name", "key_prefix", "area", "active", *self.readonly_fields[1:]]
        )

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            return
        _, plain = apikey_create(name=obj.name, area=obj.area, apikey=obj, request=request)
        self.message_user(request, f"API密钥已生成，仅显示这一次，请立即妥善保存：{plain}", messages.WARNING)

    @admin.action(description="停用所选API密钥", permissions=["change"])
    def deactivate(self, request, queryset):
        count = apikeys_deactivate(apikeys=queryset, request=request)
        self.message_user(request, f"已停用 {count} 个API密钥")

    def has_delete_permission(self, request, obj=None):
        return False
