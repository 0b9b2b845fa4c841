"""The narrative editing form: one textarea per template section, the status and the version seen."""

from django import forms

from jiedao.core.forms import bootstrap_form
from jiedao.reports.annual import template
from jiedao.reports.models import ReportStatus


class AnnualReportForm(forms.Form):
    status = forms.ChoiceField(label="状态", choices=ReportStatus.choices)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, narrative: dict[str, str], year: int, saved=None, **kwargs):
        self.year = year
        initial = {**narrative, "status": saved.status if saved else ReportStatus.DRAFT}
        initial["version"] = saved.version if saved else None
        super().__init__(*args, initial=initial, **kwargs)
        for section in template.SECTIONS:
            self.fields[section.key] = forms.CharField(
                label=section.heading or f"{self._group(section)}（导语）",
                required=False,
                strip=True,
                widget=forms.Textarea(attrs={"rows": 8}),
                help_text="留空则使用默认模板",
            )
        bootstrap_form(self)

    def _group(self, section) -> str:
        return section.parent.replace("{{year}}", str(self.year)).replace("{{next_year}}", str(self.year + 1))

    def section_fields(self):
        """(group heading, bound field) for each section, in the document's order."""
        return [(self._group(section), self[section.key]) for section in template.SECTIONS]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "sections": {key: data.get(key, "") for key in template.SECTION_KEYS},
            "status": data["status"],
            "version": data.get("version"),
        }


def add_service_errors(form: forms.Form, exc) -> None:
    """A service's ValidationError on the section it names, or above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
