"""The category tree and its time limits in 系统管理. Categories are never deleted (cases reference them):
they are deactivated."""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jiedao.cases.categories import MSG_PARENT_CYCLE, category_save, is_own_descendant
from jiedao.cases.models import Category


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = [
            "code",
            "name",
            "parent",
            "response_hours",
            "urgent_hours",
            "normal_days",
            "complex_days",
            "active",
            "sort_order",
        ]

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if is_own_descendant(self.instance, parent):
            raise forms.ValidationError(MSG_PARENT_CYCLE)
        return parent


@admin.register(Category)
class CategoryAdmin(SimpleHistoryAdmin):
    form = CategoryForm
    list_display = ["name", "parent", "code", "limits", "active"]
    list_filter = ["active"]
    search_fields = ["name", "code"]
    ordering = ["path"]
    readonly_fields = ["path"]

    @admin.display(description="时限（签收/紧急/一般/复杂）")
    def limits(self, obj):
        def show(value, unit):
            return f"{value}{unit}" if value is not None else "继承"

        return " / ".join(
            [
                show(obj.response_hours, "小时"),
                show(obj.urgent_hours, "小时"),
                show(obj.normal_days, "天"),
                show(obj.complex_days, "天"),
            ]
        )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("parent")

    def save_model(self, request, obj, form, change):
        category_save(category=obj)

    def has_delete_permission(self, request, obj=None):
        return False
