"""Import: read → parse every cell → whole-file and database checks → write all or nothing.

One bad row writes no rows: the engine collects every problem as (row, column, reason), records the attempt
as an `ImportJob`, and calls the ledger's `write` only when there are none, inside one transaction.
"""

import gc
import hashlib
from collections.abc import Callable
from contextlib import contextmanager

from django.db import connection, transaction
from django.utils import timezone

from jiedao.core.audit import audit_record
from jiedao.core.models import AuditEvent
from jiedao.excel.models import ImportJob, ImportStatus
from jiedao.excel.reading import Sheet, SheetError, read_sheet
from jiedao.excel.registry import all_ledgers
from jiedao.excel.spec import CellError, ImportContext, Ledger, ParsedRow

MSG_DUPLICATE_KEY = "与第{row}行重复"


def import_file(
    ledger: Ledger,
    data: bytes,
    *,
    file_name: str,
    user=None,
    progress: Callable[[str, int, int], None] | None = None,
) -> ImportJob:
    """Import `data` into `ledger`. Returns the job; `job.succeeded` tells whether anything was written.

    `progress(stage, done, total)` is called as rows are parsed and written (the CLI draws a bar with it).
    """
    # Hundreds of thousands of small objects live for the whole import and die together: the cyclic
    # garbage collector would scan them over and over for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with _large_page_cache():
            return _import(ledger, data, file_name=file_name, user=user, progress=progress)
    finally:
        if collecting:
            gc.enable()


@contextmanager
def _large_page_cache():
    """SQLite's default 2 MB page cache spills the index pages an import changes in the middle of its
    transaction; 256 MB for the duration of the import keeps them in memory."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = int(cursor.fetchone()[0])
        cursor.execute("PRAGMA cache_size = -262144")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {before}")


def _import(ledger: Ledger, data: bytes, *, file_name: str, user, progress) -> ImportJob:
    job = ImportJob(
        ledger=ledger.code,
        file_name=file_name[:200],
        file_sha256=hashlib.sha256(data).hexdigest(),
        user=user if getattr(user, "pk", None) else None,
    )
    ctx = ImportContext(user=user, ledger=ledger)
    try:
        sheet = read_sheet(data, ledger, other_ledgers=all_ledgers())
    except SheetError as exc:
        return _finish(job, exc.problems, rows_total=0)
    rows = _parse(sheet, ledger, ctx, progress)
    job.rows_total = len(sheet.rows)
    _check_unique_keys(rows, ledger, ctx)
    good = _without_errors(rows, ctx)
    ledger.prepare(good, ctx)
    if ctx.errors:
        return _finish(job, ctx.errors, rows_total=job.rows_total)
    with transaction.atomic():
        if progress:
            ctx.progress = lambda done: progress("write", done, len(rows))
        result = ledger.write(rows, ctx)
        job.rows_created, job.rows_updated, job.rows_unchanged = (
            result.created,
            result.updated,
            result.unchanged,
        )
        return _finish(job, [], rows_total=job.rows_total)


def _parse(sheet: Sheet, ledger: Ledger, ctx: ImportContext, progress) -> list[ParsedRow]:
    """Every cell through its column's parser, column by column (one tight loop per column is markedly
    cheaper than a loop over columns inside a loop over rows, at a million cells)."""
    rows = sheet.rows
    total = len(rows)
    columns: dict[str, list] = {}
    failures: list[tuple[int, int, str]] = []  # (row index, column order, reason): sorted back into row order
    for order, column in enumerate(ledger.import_columns):
        index = sheet.positions.get(column.key)
        if index is None:
            # A column the file does not have is the same empty cell on every row: parse it once.
            try:
                columns[column.key] = [column.parse("")] * total
            except CellError as exc:
                failures.extend((i, order, str(exc)) for i in range(total))
            continue
        parse, values = column.parse, [None] * total
        for i, (_, cells) in enumerate(rows):
            try:
                values[i] = parse(cells[index] if index < len(cells) else "")
            except CellError as exc:
                failures.append((i, order, str(exc)))
        columns[column.key] = values
        if progress:
            progress("parse", total * (order + 1) // len(ledger.import_columns), total)
    headers = [c.header for c in ledger.import_columns]
    ctx.errors.extend((rows[i][0], headers[order], reason) for i, order, reason in sorted(failures))
    keys = list(columns)
    return [
        ParsedRow(number, dict(zip(keys, values, strict=True)))
        for (number, _), values in zip(rows, zip(*columns.values(), strict=True), strict=True)
    ]


def _check_unique_keys(rows: list[ParsedRow], ledger: Ledger, ctx: ImportContext) -> None:
    if not ledger.natural_key:
        return
    seen: dict[tuple, int] = {}
    first_key = ledger.natural_key[0]
    for row in rows:
        key = tuple(row.values.get(k) for k in ledger.natural_key)
        if any(part in (None, "") for part in key):
            continue
        if key in seen:
            ctx.error(row.number, first_key, MSG_DUPLICATE_KEY.format(row=seen[key]))
        else:
            seen[key] = row.number


def _without_errors(rows: list[ParsedRow], ctx: ImportContext) -> list[ParsedRow]:
    bad = {number for number, _, _ in ctx.errors}
    return [r for r in rows if r.number not in bad] if bad else rows


def _finish(job: ImportJob, errors: list[tuple[int, str, str]], *, rows_total: int) -> ImportJob:
    errors = sorted(errors, key=lambda e: (e[0], e[1]))
    job.rows_total = rows_total
    job.error_count = len(errors)
    job.errors = [list(e) for e in errors[: ImportJob.MAX_STORED_ERRORS]]
    job.status = ImportStatus.FAILED if errors else ImportStatus.SUCCEEDED
    job.finished_at = timezone.now()
    job.save()
    audit_record(
        AuditEvent.IMPORT,
        user=job.user,
        obj=job,
        success=not errors,
        ledger=job.ledger,
        rows=job.rows_total,
        created=job.rows_created,
        updated=job.rows_updated,
        errors=job.error_count,
    )
    return job
