"""Badge colours of project statuses (app.css `badge-status-*`) and amounts in 万元."""

from decimal import Decimal

from django import template

register = template.Library()

TONES = {
    "planning": "info",
    "building": "primary",
    "completed": "success",
    "paused": "warning",
    "terminated": "secondary",
}


@register.filter
def project_tone(value: str) -> str:
    return TONES.get(str(value), "secondary")


@register.filter
def wan(value) -> str:
    """An amount in yuan (or m²) as 万, with up to two decimals: 2244000 → "224.4"."""
    if value in (None, ""):
        return "—"
    number = (Decimal(value) / 10000).quantize(Decimal("0.01"))
    return f"{number:f}".rstrip("0").rstrip(".")
