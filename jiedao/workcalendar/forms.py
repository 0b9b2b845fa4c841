from django import forms

from . import workdays


class WorkdayCalculatorForm(forms.Form):
    """Start date plus N working days, and/or the working days from start to end."""

    start = forms.DateField(label="起始日期", widget=forms.DateInput(attrs={"type": "date"}))
    days = forms.IntegerField(label="工作日数", required=False, min_value=0, max_value=3650)
    end = forms.DateField(label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("days") is None and cleaned.get("end") is None:
            raise forms.ValidationError("请填写“工作日数”或“截止日期”中的至少一项")
        return cleaned

    def calculate(self) -> dict | None:
        """{"due": date | None, "between": int | None}, or None with the error added to the form."""
        if not self.is_valid():
            return None
        start, days, end = (self.cleaned_data[k] for k in ("start", "days", "end"))
        try:
            return {
                "start": start,
                "days": days,
                "end": end,
                "due": workdays.add_working_days(start, days) if days is not None else None,
                "between": workdays.working_days_between(start, end) if end is not None else None,
            }
        except workdays.CalendarMissing as exc:
            self.add_error(None, str(exc))
            return None
