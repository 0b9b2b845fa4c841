"""Optimistic locking: a conflicting update is refused, not merged silently.

An edited model carries `version` (a PositiveIntegerField starting at 1). The edit form shows the record at
some version and sends it back (a hidden field); the update service locks the row, compares, refuses a stale
edit with a ValidationError of code "stale" and increments the version when it writes. Imports are newer
writes: they pass `UNCHECKED` and only increment."""

from django.core.exceptions import ValidationError

MSG_STALE = "已被他人修改，请刷新后重试"


class _Unchecked:
    """The version an import passes: it overwrites whatever version the row is at."""

    def __repr__(self) -> str:
        return "UNCHECKED"


UNCHECKED = _Unchecked()


def locked_current(instance, version, message: str = MSG_STALE):
    """The row of `instance`, freshly read and locked (`select_for_update`) for the rest of the transaction,
    if it is still at `version` (the one the editor saw); else ValidationError(message, code="stale"). A
    missing version (None) or a row deleted meanwhile is stale too. Call it inside `transaction.atomic`."""
    model = type(instance)
    current = model._base_manager.select_for_update().filter(pk=instance.pk).first()
    if current is None or (version is not UNCHECKED and (version is None or current.version != int(version))):
        raise ValidationError(message, code="stale")
    return current


def bump(instance):
    """Increment the version of an instance about to be saved."""
    instance.version = (instance.version or 0) + 1
    return instance
