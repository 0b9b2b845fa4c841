"""The annual work summary: its narrative (saved per street and year) and the documents rendered from it.

Writes go through `annual_report_save` (validated placeholders, optimistic lock, history); reads of the
document through `annual_report_render`, which computes the figures every time (they are never stored)."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jiedao.core.concurrency import bump, locked_current
from jiedao.core.figures import all_indicators
from jiedao.core.models import Area, AreaLevel
from jiedao.reports.annual import template
from jiedao.reports.annual.docx_writer import write_docx
from jiedao.reports.annual.markdown import write_markdown
from jiedao.reports.annual.placeholders import problems
from jiedao.reports.annual.rendering import Report, render_report
from jiedao.reports.models import AnnualReport, ReportStatus

FIRST_YEAR = 2000
MSG_YEAR = "年度无效：{year}（应在{first}年至{last}年之间）"
MSG_NO_STREET = "尚未设立街道，无法生成年度工作总结"
MSG_STALE = "该年度工作总结已被他人修改，请刷新后重试"
MSG_STATUS = "状态无效：{status}"


def last_year() -> int:
    return timezone.localdate().year + 1


def check_year(year: int) -> int:
    if not FIRST_YEAR <= year <= last_year():
        raise ValidationError({"year": MSG_YEAR.format(year=year, first=FIRST_YEAR, last=last_year())})
    return year


def report_street() -> Area:
    """The street whose summary this is: the configured one, else the first current street."""
    streets = Area.objects.filter(level=AreaLevel.STREET)
    street = streets.filter(code=settings.JIEDAO_STREET_CODE).first() or streets.order_by("path").first()
    if street is None:
        raise ValidationError(MSG_NO_STREET)
    return street


def known_codes() -> set[str]:
    """Codes a placeholder may name: the contract's (shared/seed/figures.md) and every registered one."""
    return set(template.CONTRACT_CODES) | {i.code for i in all_indicators()}


def sections_check(sections: dict[str, str]) -> dict[str, str]:
    """The sections, stripped, with every placeholder checked: ValidationError keyed by section otherwise."""
    known = known_codes()
    cleaned, errors = {}, {}
    for key in template.SECTION_KEYS:
        text = (sections.get(key) or "").strip()
        messages = problems(text, known)
        if messages:
            errors[key] = messages
        cleaned[key] = text
    if errors:
        raise ValidationError(errors)
    return cleaned


def narrative_for(street: Area, year: int) -> tuple[AnnualReport | None, dict[str, str]]:
    """The saved report of the year (or None) and its narrative, defaults filling sections left empty."""
    saved = AnnualReport.objects.filter(area=street, year=year).first()
    sections = saved.sections if saved else {}
    return saved, {key: sections.get(key) or template.DEFAULT_NARRATIVE[key] for key in template.SECTION_KEYS}


@transaction.atomic
def annual_report_save(
    *, street: Area, year: int, sections: dict[str, str], status: str, version, actor
) -> AnnualReport:
    """Create or update the narrative of `year`. `version` is the one the editor saw (None for a year not
    saved yet); a stale version is refused (code "stale"). Sections equal to the default are stored empty,
    so a later improvement of the default template reaches them."""
    check_year(year)
    if status not in ReportStatus.values:
        raise ValidationError({"status": MSG_STATUS.format(status=status)})
    cleaned = sections_check(sections)
    stored = {k: v for k, v in cleaned.items() if v and v != template.DEFAULT_NARRATIVE[k].strip()}
    existing = AnnualReport.objects.filter(area=street, year=year).first()
    if existing is None:
        if version not in (None, ""):
            raise ValidationError(MSG_STALE, code="stale")
        report = AnnualReport(area=street, year=year, version=1)
    else:
        report = bump(locked_current(existing, version, MSG_STALE))
    report.sections, report.status, report.updated_by = stored, status, actor
    report.full_clean()
    report.save()
    return report


def annual_report_render(*, year: int, area: Area | None = None, user=None) -> Report:
    """The document of `year`: the street's narrative with figures computed within `area` (default: the
    whole street) and, for a page, within the user's scope."""
    check_year(year)
    street = report_street()
    _, narrative = narrative_for(street, year)
    place = (area or street).name
    scope = area if area is not None and area.pk != street.pk else None
    return render_report(narrative, year, place, area=scope, user=user)


def annual_report_files(report: Report) -> dict[str, bytes]:
    """The three outputs by extension: .docx, .md and .json (the figures used)."""
    figures = json.dumps(report.figures_json(), ensure_ascii=False, indent=2) + "\n"
    return {
        "docx": write_docx(report),
        "md": write_markdown(report).encode(),
        "json": figures.encode(),
    }
