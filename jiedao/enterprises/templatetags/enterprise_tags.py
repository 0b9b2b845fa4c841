"""Badge colours of the directory's statuses, visit results and lead stages (app.css `badge-status-*`)."""

from django import template

register = template.Library()

TONES = {
    # Enterprise status
    "active": "success",
    "moved_out": "warning",
    "cancelled": "secondary",
    # Visit result
    "normal": "success",
    "address_mismatch": "warning",
    "not_found": "danger",
    "other": "secondary",
    # Lead stage
    "contacted": "info",
    "negotiating": "primary",
    "signed": "warning",
    "settled": "success",
    "dropped": "secondary",
}


@register.filter
def tone(value: str) -> str:
    return TONES.get(str(value), "secondary")
