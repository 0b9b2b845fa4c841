"""Exports and permission checks shared by the pages and the command line."""

from django.core.exceptions import PermissionDenied

from jiedao.core.audit import audit_record
from jiedao.core.models import AuditEvent
from jiedao.excel.spec import ExportContext, Ledger
from jiedao.excel.writing import rows_bytes

MSG_NO_IMPORT = "您没有导入“{title}”台账的权限"
MSG_NO_EXPORT = "您没有导出“{title}”台账的权限"
MSG_NOT_IMPORTABLE = "“{title}”台账不支持导入"


def may_import(user, ledger: Ledger) -> bool:
    return ledger.import_permission is not None and (user is None or user.has_perm(ledger.import_permission))


def may_export(user, ledger: Ledger) -> bool:
    return user is None or user.has_perm(ledger.export_permission)


def may_export_full(user, ledger: Ledger) -> bool:
    if ledger.full_export_permission is None:
        return True  # the ledger holds nothing that is masked
    return user is None or user.has_perm(ledger.full_export_permission)


def export_ledger(
    ledger: Ledger, *, user, params: dict[str, str], full: bool = False, request=None
) -> tuple[bytes, int]:
    """The ledger's rows visible to `user` under `params`, as .xlsx bytes, and the row count. Audited.

    `user=None` is the command line run by an operator on the server: everything, as asked."""
    if not may_export(user, ledger):
        raise PermissionDenied(MSG_NO_EXPORT.format(title=ledger.title))
    full = full and may_export_full(user, ledger)
    queryset = ledger.export_queryset(user, params)
    ctx = ExportContext(user=user, full=full)
    count = 0

    def rows():
        nonlocal count
        for obj in queryset.iterator(chunk_size=2000):
            count += 1
            yield ledger.export_row(obj, ctx)

    columns = list(ledger.columns)
    data = rows_bytes(ledger.title, [c.header for c in columns], rows(), [c.width for c in columns])
    audit_record(
        AuditEvent.EXPORT,
        request=request,
        user=user,
        ledger=ledger.code,
        filters={k: v for k, v in params.items() if k != "page"},
        rows=count,
        full=full,
    )
    return data, count
