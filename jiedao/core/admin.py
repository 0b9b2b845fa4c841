"""Admin for accounts, roles, offices and areas. Writes go through the services so they are validated and
audited; querysets go through the same scoping as the pages."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from jiedao.core.audit import audit_record
from jiedao.core.models import Area, AreaChange, AuditEvent, Office, RoleAssignment, User
from jiedao.core.scoping import scope_q
from jiedao.core.services.accounts import role_grant, role_grant_check, role_revoke
from jiedao.core.services.areas import area_create, area_create_check


class RoleAssignmentForm(forms.ModelForm):
    class Meta:
        model = RoleAssignment
        fields = ["user", "role", "area", "office", "title", "start_date", "end_date"]

    def clean(self):
        data = super().clean()
        if self.instance.pk is None and not self.errors:
            try:
                role_grant_check(
                    user=data["user"], role=data["role"], area=data["area"], office=data.get("office")
                )
            except ValidationError as exc:
                self.add_error(None, exc)
        return data


class AreaForm(forms.ModelForm):
    class Meta:
        model = Area
        fields = ["code", "name", "level", "community_type", "parent", "valid_from", "sort_order", "note"]

    def clean(self):
        data = super().clean()
        if self.instance.pk is None and not self.errors:
            try:
                area_create_check(
                    code=data["code"],
                    level=data["level"],
                    parent=data.get("parent"),
                    community_type=data.get("community_type", ""),
                    valid_from=data["valid_from"],
                )
            except ValidationError as exc:
                self.add_error(None, exc)
        return data


class AuditedAdminMixin:
    """Admin additions and changes leave an AuditLog row as well as Django's LogEntry."""

    audit_added = AuditEvent.ACCOUNT_CREATED
    audit_changed = AuditEvent.ACCOUNT_CHANGED

    def log_addition(self, request, obj, message):
        audit_record(self.audit_added, request=request, obj=obj, change=str(message)[:500])
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        # Django's password-change view logs a change of the field "password".
        event = AuditEvent.PASSWORD_CHANGED if "password" in str(message) else self.audit_changed
        audit_record(event, request=request, obj=obj, change=str(message)[:500])
        return super().log_change(request, obj, message)


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    fields = ["role", "area", "office", "title", "start_date", "end_date"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = "角色（在“角色授权”中授予或撤销）"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    list_display = ["username", "full_name", "is_active", "last_login", "date_joined"]
    list_filter = ["is_active", "roles__role"]
    search_fields = ["username", "full_name"]
    ordering = ["username"]
    inlines = [RoleAssignmentInline]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("个人信息", {"fields": ["full_name", "birth_date", "email"]}),
        ("状态", {"fields": ["is_active", "last_login", "date_joined"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "full_name", "password1", "password2"]})
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).distinct()


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    audit_added = AuditEvent.ROLE_GRANTED
    audit_changed = AuditEvent.ROLE_REVOKED
    list_display = ["user", "role", "area", "office", "title", "start_date", "end_date"]
    list_filter = ["role", "office", "end_date"]
    search_fields = ["user__username", "user__full_name", "area__name"]
    autocomplete_fields = ["user", "area"]
    form = RoleAssignmentForm
    fields = ["user", "role", "area", "office", "title", "start_date", "end_date"]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).filter(scope_q(request.user, "area")).select_related("user", "area")
        )

    def get_readonly_fields(self, request, obj=None):
        # Once granted, an assignment only ends: a different role or area is a new grant.
        return ["user", "role", "area", "office", "title", "start_date"] if obj else []

    def save_model(self, request, obj, form, change):
        if change:
            if obj.end_date and "end_date" in form.changed_data:
                role_revoke(assignment=obj, end_date=obj.end_date, actor=request.user, request=request)
            return
        saved = role_grant(
            user=obj.user,
            role=obj.role,
            area=obj.area,
            office=obj.office,
            title=obj.title,
            start_date=obj.start_date,
            actor=request.user,
            request=request,
        )
        obj.pk = saved.pk

    def log_addition(self, request, obj, message):  # role_grant already audited
        return admin.ModelAdmin.log_addition(self, request, obj, message)

    def log_change(self, request, obj, message):  # role_revoke already audited
        return admin.ModelAdmin.log_change(self, request, obj, message)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Office)
class OfficeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "sort_order"]
    search_fields = ["name", "code"]


@admin.register(Area)
class AreaAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "level", "community_type", "parent", "valid_from", "valid_to"]
    list_filter = ["level", "community_type", "valid_to"]
    search_fields = ["name", "code"]
    ordering = ["path"]
    form = AreaForm
    fields = [
        "code",
        "name",
        "level",
        "community_type",
        "parent",
        "valid_from",
        "valid_to",
        "sort_order",
        "note",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    def get_readonly_fields(self, request, obj=None):
        # The tree only changes through restructurings (拆分/合并/撤销), which keep history.
        return (
            ["code", "level", "community_type", "parent", "valid_from", "valid_to"] if obj else ["valid_to"]
        )

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["name", "sort_order", "note"])
            return
        saved = area_create(
            code=obj.code,
            name=obj.name,
            level=obj.level,
            parent=obj.parent,
            community_type=obj.community_type,
            valid_from=obj.valid_from,
            sort_order=obj.sort_order,
            note=obj.note,
            actor=request.user,
        )
        obj.pk, obj.path = saved.pk, saved.path

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AreaChange)
class AreaChangeAdmin(admin.ModelAdmin):
    list_display = ["effective_on", "kind", "note", "recorded_by", "recorded_at"]
    list_filter = ["kind"]
    readonly_fields = ["kind", "effective_on", "sources", "results", "note", "recorded_by", "recorded_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Permissions come from roles held on areas, not from Django groups.
admin.site.unregister(Group)
