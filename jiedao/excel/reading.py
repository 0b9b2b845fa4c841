"""Opening an uploaded spreadsheet safely and finding the ledger's columns in it."""

import io
import zipfile
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from python_calamine import CalamineWorkbook

from jiedao.excel.spec import Ledger

MSG_EMPTY = "文件为空"
MSG_TOO_BIG = "文件过大（{size}），单个文件不能超过{limit}"
MSG_NOT_SPREADSHEET = "文件不是Excel表格（支持 .xlsx、.xls、.ods），请使用下载的模板填写后上传"
MSG_ZIP_BOMB = "文件解压后过大或压缩比异常，已拒绝处理"
MSG_UNREADABLE = "无法读取该表格：文件已损坏或受密码保护"
MSG_NO_ROWS = "表格中没有数据行"
MSG_TOO_MANY_ROWS = "数据行过多（{n}行），单次导入不能超过{limit}行，请拆分后分批导入"
MSG_NO_HEADER = "未找到表头：请使用“{title}”台账的模板，表头应在前5行内"
MSG_OTHER_LEDGER = "该文件是“{other}”台账，不是“{title}”台账，请选择正确的台账或文件"
MSG_MISSING_COLUMN = "缺少必填列"
MSG_DUPLICATE_COLUMN = "表头重复"

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEADER_SEARCH_ROWS = 5


class SheetError(ValueError):
    """The file as a whole cannot be imported. `problems` are (row, column, reason) where they apply."""

    def __init__(self, message: str, problems: list[tuple[int, str, str]] | None = None):
        super().__init__(message)
        self.problems = problems or [(0, "", message)]


@dataclass
class Sheet:
    header_row: int  # 1-based row number of the header
    positions: dict[str, int]  # column key → index in a row
    rows: list[tuple[int, list[Any]]]  # (1-based row number, cells)


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def check_file(data: bytes) -> None:
    """Refuse what is not a spreadsheet, too big, or a zip bomb — before any parser sees it."""
    if not data:
        raise SheetError(MSG_EMPTY)
    limit = settings.JIEDAO_IMPORT_MAX_BYTES
    if len(data) > limit:
        raise SheetError(MSG_TOO_BIG.format(size=_size(len(data)), limit=_size(limit)))
    if data.startswith(_OLE_MAGIC):
        return
    if not data.startswith(_ZIP_MAGIC):
        raise SheetError(MSG_NOT_SPREADSHEET)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {e.filename for e in entries}
    except zipfile.BadZipFile:
        raise SheetError(MSG_UNREADABLE) from None
    if not ({"[Content_Types].xml", "mimetype"} & names):
        raise SheetError(MSG_NOT_SPREADSHEET)  # a zip, but not an Office/OpenDocument file
    unpacked = sum(e.file_size for e in entries)
    packed = max(1, sum(e.compress_size for e in entries))
    if (
        len(entries) > 10_000
        or unpacked > settings.JIEDAO_IMPORT_MAX_UNPACKED_BYTES
        or (unpacked > 10 * 1024 * 1024 and unpacked / packed > 200)
    ):
        raise SheetError(MSG_ZIP_BOMB)


def _normalise_header(value: Any) -> str:
    text = str(value or "").strip()
    for char in " \u3000*＊\n\r\t":
        text = text.replace(char, "")
    return text.replace("（", "(").replace("）", ")")


def _header_map(ledger: Ledger) -> dict[str, str]:
    return {_normalise_header(c.header): c.key for c in ledger.import_columns}


def read_sheet(data: bytes, ledger: Ledger, *, other_ledgers: list[Ledger] = ()) -> Sheet:
    check_file(data)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        raw = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception:  # calamine raises several error types for damaged or encrypted files
        raise SheetError(MSG_UNREADABLE) from None
    wanted = _header_map(ledger)
    required = {_normalise_header(c.header) for c in ledger.import_columns if c.required}
    header_index = _find_header(raw, wanted)
    if header_index is None:
        raise SheetError(_wrong_ledger_message(raw, ledger, other_ledgers))
    headers = [_normalise_header(h) for h in raw[header_index]]
    positions: dict[str, int] = {}
    problems = []
    for index, header in enumerate(headers):
        key = wanted.get(header)
        if key is None:
            continue
        if key in positions:
            problems.append((header_index + 1, header, MSG_DUPLICATE_COLUMN))
        positions[key] = index
    for header in sorted(required - set(headers)):
        problems.append((header_index + 1, header, MSG_MISSING_COLUMN))
    if problems:
        raise SheetError(problems[0][2], problems)
    rows = [
        (number, cells)
        for number, cells in enumerate(raw[header_index + 1 :], start=header_index + 2)
        if any(c not in ("", None) for c in cells)
    ]
    if not rows:
        raise SheetError(MSG_NO_ROWS)
    if len(rows) > settings.JIEDAO_IMPORT_MAX_ROWS:
        raise SheetError(MSG_TOO_MANY_ROWS.format(n=len(rows), limit=settings.JIEDAO_IMPORT_MAX_ROWS))
    return Sheet(header_row=header_index + 1, positions=positions, rows=rows)


def _find_header(raw: list[list[Any]], wanted: dict[str, str]) -> int | None:
    """The first of the top rows naming at least half of the ledger's columns (a title row may sit above)."""
    need = max(1, len(wanted) // 2)
    for index, row in enumerate(raw[:HEADER_SEARCH_ROWS]):
        if sum(1 for cell in row if _normalise_header(cell) in wanted) >= need:
            return index
    return None


def _wrong_ledger_message(raw, ledger: Ledger, others: list[Ledger]) -> str:
    for other in others:
        if other.code != ledger.code and _find_header(raw, _header_map(other)) is not None:
            return MSG_OTHER_LEDGER.format(other=other.title, title=ledger.title)
    return MSG_NO_HEADER.format(title=ledger.title)
