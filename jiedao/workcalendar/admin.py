"""The calendar in 系统管理. Every save and delete goes through the services (validation and audit)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import CalendarDay, CalendarYear


class CalendarDayForm(forms.ModelForm):
    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "name"]

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("date") or (self.instance.date if self.instance.pk else None)
        if day and cleaned.get("kind"):
            try:
                services.calendar_day_check(day=day, kind=cleaned["kind"])
            except ValidationError as exc:
                raise forms.ValidationError(exc.messages) from exc
        return cleaned


@admin.register(CalendarYear)
class CalendarYearAdmin(SimpleHistoryAdmin):
    list_display = ["year", "source", "note", "loaded_at", "day_count"]
    list_filter = ["source"]
    search_fields = ["note"]
    fields = ["year", "note", "source", "loaded_at"]

    def get_readonly_fields(self, request, obj=None):
        # A year is identified by its number; entering another year is a new row.
        return ["year", "source", "loaded_at"] if obj else ["source", "loaded_at"]

    @admin.display(description="例外日期数")
    def day_count(self, obj):
        return CalendarDay.objects.filter(year=obj.year).count()

    def save_model(self, request, obj, form, change):
        saved = services.calendar_year_declare(year=obj.year, note=obj.note, actor=request.user)
        obj.pk, obj.source, obj.loaded_at = saved.pk, saved.source, saved.loaded_at

    def has_delete_permission(self, request, obj=None):
        # Removing a year would silently turn its deadlines into errors; correct the days instead.
        return False


@admin.register(CalendarDay)
class CalendarDayAdmin(SimpleHistoryAdmin):
    form = CalendarDayForm
    list_display = ["date", "weekday", "kind", "name", "year"]
    list_filter = ["year", "kind"]
    search_fields = ["name"]
    date_hierarchy = "date"

    def get_readonly_fields(self, request, obj=None):
        # Moving a day is clearing one date and setting another; keep the two apart.
        return ["date"] if obj else []

    @admin.display(description="星期", ordering="date")
    def weekday(self, obj):
        return obj.weekday_name

    def save_model(self, request, obj, form, change):
        saved = services.calendar_day_set(day=obj.date, kind=obj.kind, name=obj.name, actor=request.user)
        obj.pk, obj.year = saved.pk, saved.year

    def delete_model(self, request, obj):
        services.calendar_day_clear(day=obj.date, actor=request.user)

    def delete_queryset(self, request, queryset):
        for day in queryset.values_list("date", flat=True):
            services.calendar_day_clear(day=day, actor=request.user)
