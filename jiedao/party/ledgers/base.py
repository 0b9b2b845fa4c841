"""What the party ledgers share: areas and accounts named in a file, and `ServiceLedger`, a ledger written
through the services with a rolled-back dry run in `prepare()`."""

from django.core.exceptions import ValidationError
from django.db import transaction

from jiedao.core.models import Area, AreaLevel, User
from jiedao.excel import parsers as p
from jiedao.excel.spec import Column, Ledger, WriteResult

MSG_AREA_UNKNOWN = "区域“{name}”不存在，请填写街道或社区的名称"
MSG_GRID_UNKNOWN = "网格“{name}”在“{community}”中不存在"
MSG_BRANCH_UNKNOWN = "党支部“{name}”不存在或不在您的辖区，请先在“党支部”台账中登记"
MSG_USER_UNKNOWN = "账号“{name}”不存在"
MSG_COMPOUND_UNKNOWN = "小区“{name}”在“{community}”中不存在"
MSG_DUPLICATE = "与第{row}行重复"
MSG_COMPOUND_COMMUNITY = "填写小区时须填写小区所在社区"

AREA_HELP = "街道或社区的名称；不填时为街道"


class _Rollback(Exception):
    pass


def scoped(queryset, user):
    return queryset if user is None else queryset.for_user(user)


class AreaNames:
    """Current areas by name: the street, its communities, and grids by (community, name)."""

    def __init__(self):
        current = Area.objects.filter(valid_to__isnull=True).select_related("parent")
        self.street = None
        self.by_name: dict[str, Area] = {}
        self.grids: dict[tuple[int, str], Area] = {}
        for area in current:
            if area.level == AreaLevel.GRID:
                self.grids[(area.parent_id, area.name)] = area
            else:
                self.by_name[area.name] = area
                if area.level == AreaLevel.STREET and self.street is None:
                    self.street = area

    def resolve(self, row, ctx, key="area", grid_key=None) -> Area | None:
        name = row.values.get(key) or ""
        area = self.by_name.get(name) if name else self.street
        if area is None:
            ctx.error(row.number, key, MSG_AREA_UNKNOWN.format(name=name))
            return None
        grid_name = row.values.get(grid_key) if grid_key else ""
        if grid_name:
            grid = self.grids.get((area.pk, grid_name))
            if grid is None:
                ctx.error(row.number, grid_key, MSG_GRID_UNKNOWN.format(name=grid_name, community=area.name))
            return grid
        return area


def users_by_username(rows, key: str, ctx) -> dict[str, User]:
    names = {r.values[key] for r in rows if r.values.get(key)}
    found = {u.username: u for u in User.objects.filter(username__in=names)}
    for row in rows:
        name = row.values.get(key)
        if name and name not in found:
            ctx.error(row.number, key, MSG_USER_UNKNOWN.format(name=name))
    return found


class ServiceLedger(Ledger):
    """A ledger written through its app's services. Subclasses say how a row becomes the service's values
    (`values`), how the record it names is found (`find`), and how it is created or updated."""

    model = None
    # A service error on a model field is reported on this column (default: the column of the same key).
    field_columns: dict[str, str] = {}

    def lookups(self, rows, ctx) -> dict:
        """Bulk lookups shared by the rows (users, branches …)."""
        return {}

    def values(self, row, ctx, found) -> dict | None:
        raise NotImplementedError

    def find(self, values: dict):
        raise NotImplementedError

    def create(self, values: dict, user):
        raise NotImplementedError

    def update(self, obj, values: dict, user):
        raise NotImplementedError

    def _column(self, field: str) -> str:
        key = self.field_columns.get(field, field)
        keys = {c.key for c in self.import_columns}
        return key if key in keys else self.natural_key[0]

    def _apply(self, values: dict, user) -> str:
        obj = self.find(values)
        if obj is None:
            self.create(dict(values), user)
            return "created"
        if all(getattr(obj, field) == value for field, value in values.items()):
            return "unchanged"
        self.update(obj, dict(values), user)
        return "updated"

    def prepare(self, rows, ctx):
        found = self.lookups(rows, ctx)
        resolved = {}
        for row in rows:
            values = self.values(row, ctx, found)
            if values is not None:
                resolved[row.number] = values
        ctx.state["resolved"] = resolved
        self._check_blank_keys(rows, ctx)
        try:
            with transaction.atomic():
                for number, values in resolved.items():
                    try:
                        self._apply(values, ctx.user)
                    except ValidationError as exc:
                        for field, messages in exc.message_dict.items():
                            ctx.error(number, self._column(field), "；".join(messages))
                raise _Rollback
        except _Rollback:
            pass

    def _check_blank_keys(self, rows, ctx) -> None:
        # The engine skips keys with a blank part (an honour of a community has no compound); they still
        # name one record each.
        seen: dict[tuple, int] = {}
        for row in rows:
            key = tuple(row.values.get(k) for k in self.natural_key)
            if not any(part in (None, "") for part in key):
                continue
            if key in seen:
                ctx.error(row.number, self.natural_key[0], MSG_DUPLICATE.format(row=seen[key]))
            else:
                seen[key] = row.number

    def write(self, rows, ctx):
        result = WriteResult()
        for done, row in enumerate(rows, start=1):
            outcome = self._apply(ctx.state["resolved"][row.number], ctx.user)
            setattr(result, outcome, getattr(result, outcome) + 1)
            if ctx.progress and done % 100 == 0:
                ctx.progress(done)
        return result


AREA = Column("area", "所属区域", p.text(60), example="赛马场北路社区", help=AREA_HELP)
NOTE = Column("note", "备注", p.text(200), width=24)
