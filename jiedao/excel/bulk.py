"""The fast write path of imports: many rows and their history rows, without per-object ORM overhead.

`bulk_insert` takes plain tuples of Python values for a model's concrete columns, gives them primary keys up
front, and writes them with one `executemany` on SQLite or `COPY` on PostgreSQL; the django-simple-history
rows are then copied by the database itself (`INSERT … SELECT` from the rows just written), so no Python
object is built for them. `bulk_update` changes existing rows with one `executemany` and records their
history the same way. Callers validate first: nothing here runs model validation, signals or `save()`.
"""

from collections.abc import Sequence
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

HISTORY_CREATED, HISTORY_CHANGED = "+", "~"
ID_CHUNK = 500  # ids per `IN (…)` on SQLite (its default limit is 999 parameters)


def insert_columns(model: type[models.Model]) -> list[models.Field]:
    """The concrete columns a caller supplies values for, in order (everything but the primary key)."""
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` consecutive primary keys nobody else will take. Call inside the import's transaction."""
    table = model._meta.db_table
    pk = model._meta.pk.column
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The lock makes concurrent INSERTs wait until this transaction ends (they take their lock before
            # drawing from the sequence), so moving the sequence past our block is safe and one round trip.
            cursor.execute(f"LOCK TABLE {quote(table)} IN SHARE ROW EXCLUSIVE MODE")
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, pk])
            sequence = cursor.fetchone()[0]
            cursor.execute("SELECT nextval(%s)", [sequence])
            start = cursor.fetchone()[0]
            cursor.execute("SELECT setval(%s, %s)", [sequence, start + count - 1])
        else:
            # SQLite: the import runs in an IMMEDIATE transaction, which holds the write lock.
            cursor.execute(f"SELECT COALESCE(MAX({quote(pk)}), 0) FROM {quote(table)}")
            start = cursor.fetchone()[0] + 1
    return list(range(start, start + count))


def _write(table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    if not rows:
        return
    quote = connection.ops.quote_name
    quoted = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(table)} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {quote(table)} ({quoted}) VALUES ({marks})", rows)


def _adapt_datetimes(columns: list[models.Field], rows: Sequence[Sequence[Any]]) -> Sequence[Sequence[Any]]:
    """SQLite stores datetimes as naive UTC text; Django's adapter does that conversion."""
    if connection.vendor != "sqlite":
        return rows
    positions = [i for i, f in enumerate(columns) if isinstance(f, models.DateTimeField)]
    if not positions:
        return rows
    adapt = connection.ops.adapt_datetimefield_value
    out = []
    for row in rows:
        row = list(row)
        for i in positions:
            if row[i] is not None:
                row[i] = adapt(row[i])
        out.append(tuple(row))
    return out


def copy_history(
    model: type[models.Model], ids: Sequence[int], *, kind: str, user=None, reason: str = "导入"
) -> None:
    """One history row per id, copied by the database from the rows as they are now."""
    history = getattr(model, "history", None)
    if history is None or not ids:
        return
    history_model = history.model
    quote = connection.ops.quote_name
    tracked = [f.column for f in history_model._meta.concrete_fields if not f.name.startswith("history_")]
    stamp = timezone.now()
    if connection.vendor == "sqlite":
        stamp = connection.ops.adapt_datetimefield_value(stamp)
    columns = ", ".join(quote(c) for c in tracked)
    sql = (
        f"INSERT INTO {quote(history_model._meta.db_table)} ({columns}, history_date, history_type, "
        f"history_user_id, history_change_reason) SELECT {columns}, %s, %s, %s, %s "
        f"FROM {quote(model._meta.db_table)} WHERE {quote(model._meta.pk.column)} "
    )
    head = [stamp, kind, getattr(user, "pk", None), reason]
    with connection.cursor() as cursor:
        for where, params in _id_filters(ids):
            cursor.execute(sql + where, head + params)


def _id_filters(ids: Sequence[int]):
    """WHERE-clause tails selecting `ids`: one range when they are consecutive, else chunks."""
    ordered = sorted(ids)
    if ordered[-1] - ordered[0] + 1 == len(ordered):
        yield "BETWEEN %s AND %s", [ordered[0], ordered[-1]]
    elif connection.vendor == "postgresql":
        yield "= ANY(%s)", [list(ordered)]
    else:
        for start in range(0, len(ordered), ID_CHUNK):
            chunk = ordered[start : start + ID_CHUNK]
            yield f"IN ({', '.join(['%s'] * len(chunk))})", chunk


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
    copy_history(model, ids, kind=HISTORY_CREATED, user=user, reason=reason)
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
    which costs seconds for thousands of rows. The objects need only their pk and `fields` set."""
    if not objects:
        return
    changed = [model._meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in changed)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s"
    values = _adapt_datetimes(changed, [tuple(getattr(o, f.attname) for f in changed) for o in objects])
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*row, obj.pk) for row, obj in zip(values, objects, strict=True)])
    copy_history(model, [o.pk for o in objects], kind=HISTORY_CHANGED, user=user, reason=reason)
