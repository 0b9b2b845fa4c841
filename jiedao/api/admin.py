"""API tokens in 系统管理: listed and revoked there, created only with `jiedao apitoken create` (a token acts as
its user, so handing one out stays an operator's deliberate act). Nothing of a token can be edited; the hash
is never shown. Seeing and revoking tokens is part of account administration (core.permissions)."""

from django.contrib import admin

from jiedao.api.models import ApiToken
from jiedao.api.services import apitokens_revoke


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__username", "user__full_name"]
    list_select_related = ["user"]
    fields = readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="吊销所选API令牌", permissions=["change"])
    def revoke(self, request, queryset):
        count = apitokens_revoke(tokens=queryset, request=request)
        self.message_user(request, f"已吊销 {count} 个API令牌")
