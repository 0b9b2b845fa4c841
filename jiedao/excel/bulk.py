"""The fast write path of imports: many rows and their history rows, without per-object ORM overhead.

`bulk_insert` takes plain tuples of Python values for a model's concrete columns, gives them primary keys up
front (the history rows need them), and writes both tables with one `executemany` on SQLite or `COPY` on
PostgreSQL. `bulk_update` changes existing rows and records their history the same way. Callers validate
first: nothing here runs model validation, signals or `save()`.
"""

from collections.abc import Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone

HISTORY_CREATED, HISTORY_CHANGED = "+", "~"


def insert_columns(model: type[models.Model]) -> list[models.Field]:
    """The concrete columns a caller supplies values for, in order (everything but the primary key)."""
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the import runs in an IMMEDIATE transaction, which holds the write lock, so nobody else can
        # take these ids between this read and the insert.
        cursor.execute(f'SELECT COALESCE(MAX("{pk}"), 0) FROM "{table}"')
        start = cursor.fetchone()[0] + 1
    return list(range(start, start + count))


def _write(table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    if not rows:
        return
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({marks})", rows
            )


def _db_value(field: models.Field, value: Any) -> Any:
    if connection.vendor == "sqlite" and isinstance(field, models.DateTimeField) and value is not None:
        return connection.ops.adapt_datetimefield_value(value)
    return value


def _adapt_datetimes(columns: list[models.Field], rows: Sequence[Sequence[Any]]) -> Sequence[Sequence[Any]]:
    """SQLite stores datetimes as naive UTC text; Django's adapter does that conversion."""
    if connection.vendor != "sqlite":
        return rows
    positions = {i for i, f in enumerate(columns) if isinstance(f, models.DateTimeField)}
    if not positions:
        return rows
    adapt = connection.ops.adapt_datetimefield_value
    return [tuple(adapt(v) if i in positions and v is not None else v for i, v in enumerate(r)) for r in rows]


def _history(model: type[models.Model]):
    return getattr(model, "history", None) and model.history.model


def _history_rows(
    model,
    columns: list[models.Field],
    ids: Sequence[int],
    rows: Sequence[Sequence[Any]],
    kind: str,
    user,
    reason: str,
) -> tuple[str, list[str], list[tuple]] | None:
    history_model = _history(model)
    if history_model is None:
        return None
    tracked = {f.attname for f in history_model._meta.concrete_fields}
    positions = [i for i, f in enumerate(columns) if f.attname in tracked]
    names = [model._meta.pk.column, *(columns[i].column for i in positions)]
    stamp = _db_value(history_model._meta.get_field("history_date"), timezone.now())
    user_id = getattr(user, "pk", None)
    names += ["history_date", "history_type", "history_user_id", "history_change_reason"]
    out = [
        (pk, *(row[i] for i in positions), stamp, kind, user_id, reason)
        for pk, row in zip(ids, rows, strict=True)
    ]
    return history_model._meta.db_table, names, out


def bulk_insert(
    model: type[models.Model],
    rows: Sequence[Sequence[Any]],
    *,
    ids: Sequence[int] | None = None,
    user=None,
    reason: str = "导入",
) -> list[int]:
    """Insert `rows` (tuples ordered like `insert_columns(model)`) and their history; returns the new ids.

    Pass `ids` from `reserve_ids` when a column's value depends on the row's own id."""
    if not rows:
        return []
    columns = insert_columns(model)
    ids = list(ids) if ids is not None else reserve_ids(model, len(rows))
    rows = _adapt_datetimes(columns, rows)
    _write(
        model._meta.db_table,
        [model._meta.pk.column, *(f.column for f in columns)],
        [(pk, *row) for pk, row in zip(ids, rows, strict=True)],
    )
    history = _history_rows(model, columns, ids, rows, HISTORY_CREATED, user, reason)
    if history:
        _write(*history)
    return ids


def bulk_update(
    model: type[models.Model],
    objects: Sequence[models.Model],
    fields: Sequence[str],
    *,
    user=None,
    reason: str = "导入",
) -> None:
    """Save `fields` of changed objects with one `executemany` of UPDATE … WHERE pk, and record one history
    row each (the full state after the change). Django's bulk_update builds a CASE per column per batch,
    which costs seconds for thousands of rows."""
    if not objects:
        return
    changed = [model._meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in changed)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s"
    values = _adapt_datetimes(changed, [tuple(getattr(o, f.attname) for f in changed) for o in objects])
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*row, obj.pk) for row, obj in zip(values, objects, strict=True)])
    columns = insert_columns(model)
    rows = _adapt_datetimes(columns, [tuple(getattr(obj, f.attname) for f in columns) for obj in objects])
    history = _history_rows(model, columns, [o.pk for o in objects], rows, HISTORY_CHANGED, user, reason)
    if history:
        _write(*history)
