"""The brief's documents: `brief_render` (figures computed every time, never stored) and `brief_files`."""

from __future__ import annotations

from jiedao.core.models import Area
from jiedao.reports.annual.docx_writer import write_docx
from jiedao.reports.brief.markdown import write_markdown
from jiedao.reports.brief.periods import brief_period
from jiedao.reports.brief.rendering import BriefReport, render_brief
from jiedao.reports.services import check_year, report_street

FORMATS = ("docx", "md")


def brief_render(*, year: int, kind: str, number: int, area: Area | None = None, user=None) -> BriefReport:
    """The brief of a month or quarter: figures within `area` (default: the whole street, named after it)
    and, for a page, within the user's scope. ValidationError for a bad year, kind or number."""
    check_year(year)
    brief = brief_period(year, kind, number)
    street = report_street()
    place = (area or street).name
    scope = area if area is not None and area.pk != street.pk else None
    return render_brief(brief, place, area=scope, user=user)


def brief_file(report: BriefReport, fmt: str) -> bytes:
    """One output: "docx" (GB/T 9704 layout, the annual report's writer) or "md"."""
    return write_docx(report) if fmt == "docx" else write_markdown(report).encode()


def brief_files(report: BriefReport) -> dict[str, bytes]:
    """The outputs by extension: .docx and .md."""
    return {fmt: brief_file(report, fmt) for fmt in FORMATS}
