"""Saving a domain record with its django-simple-history row: who made the change and why."""

from django.db import models


def save_with_history(obj: models.Model, actor, reason: str) -> models.Model:
    """Save `obj`; its history row names `actor` (a saved user, else nobody: a command or the demo) and `reason`.
    Validation is the caller's (full_clean with or without constraints, as its rules need)."""
    obj._history_user = actor if getattr(actor, "pk", None) else None
    obj._change_reason = reason
    obj.save()
    return obj
