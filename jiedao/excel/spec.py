"""How a ledger (台账) declares itself to the import/export engine.

A ledger is a subclass of `Ledger` in its app's `ledgers.py`, decorated with `@register`. It names its
columns (Chinese headers, parsers), the permission to import and export, the natural key that makes a
re-import update instead of duplicate, and three hooks:

- `prepare(rows, ctx)`: checks that need the database or the whole file (does the compound exist? is this ID
  already someone else's?), done in bulk; report problems with `ctx.error(row, column_key, message)`.
- `write(rows, ctx)`: called only when no row has an error, inside one transaction; returns the counts.
- `export_queryset(user, params)` and `export_row(obj, ctx)`: what an export writes, scoped to the user.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.db.models import QuerySet


class CellError(ValueError):
    """A cell's value is unacceptable; the message is the reason, in Chinese (row and column are added)."""


@dataclass(frozen=True)
class Column:
    key: str  # name of the value in a parsed row
    header: str  # the Chinese header in the template and in exports
    parse: Callable[
        [Any], Any
    ]  # raw cell value (str/int/float/date/datetime/bool/None) → value, or CellError
    required: bool = False
    example: str = ""  # the template's sample row
    help: str = ""  # the template's note on the header cell
    width: int = 14
    importable: bool = True  # False: written by exports only (e.g. a computed age)


@dataclass
class WriteResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportContext:
    """What a ledger's hooks receive: who imports, and where to report problems."""

    user: Any
    ledger: "Ledger"
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row number, column header, reason)
    progress: Callable[[int], None] | None = None  # called with the number of rows written so far
    # What prepare() found (looked-up records, computed indexes) for write() to use; ledgers are shared
    # objects, so per-import state lives here, never on the ledger.
    state: dict[str, Any] = field(default_factory=dict)

    def error(self, row_number: int, column_key: str | None, message: str) -> None:
        header = self.ledger.header_of(column_key) if column_key else ""
        self.errors.append((row_number, header, message))


@dataclass
class ExportContext:
    user: Any
    full: bool  # the user may see unmasked values (and the export is audited as such)


@dataclass(frozen=True)
class ParsedRow:
    number: int  # the row number in the spreadsheet (1-based, header is row 1)
    values: dict[str, Any]


class Ledger:
    code: ClassVar[str]  # e.g. "residents": used in URLs and on the command line
    title: ClassVar[str]  # e.g. "居民": shown to users
    columns: ClassVar[Sequence[Column]]
    natural_key: ClassVar[tuple[str, ...]]  # column keys identifying a record; unique within a file
    import_permission: ClassVar[str | None] = None  # None: this ledger cannot be imported
    export_permission: ClassVar[str]
    full_export_permission: ClassVar[str | None] = None  # may export unmasked values
    description: ClassVar[str] = ""

    def header_of(self, key: str) -> str:
        for column in self.columns:
            if column.key == key:
                return column.header
        return key

    @property
    def import_columns(self) -> list[Column]:
        return [c for c in self.columns if c.importable]

    def prepare(self, rows: list[ParsedRow], ctx: ImportContext) -> None:
        """Whole-file and database checks, in bulk. Report with ctx.error(); do not write."""

    def write(self, rows: list[ParsedRow], ctx: ImportContext) -> WriteResult:
        raise NotImplementedError

    def export_queryset(self, user, params: dict[str, str]) -> QuerySet:
        raise NotImplementedError

    def export_row(self, obj, ctx: ExportContext) -> Iterable[Any]:
        raise NotImplementedError
