import io
import zipfile

import pytest

from jiedao.excel import reading
from jiedao.excel.reading import SheetError, check_file, read_sheet
from jiedao.excel.registry import get_ledger
from tests.registry.helpers import RESIDENT_HEADER, make_id, resident_row, xlsx


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_it_refuses_an_empty_file():
    with pytest.raises(SheetError, match=reading.MSG_EMPTY):
        check_file(b"")


def test_it_refuses_a_file_over_the_size_limit(settings):
    settings.JIEDAO_IMPORT_MAX_BYTES = 1000
    with pytest.raises(SheetError) as exc:
        check_file(b"PK\x03\x04" + b"x" * 2000)
    assert "文件过大" in str(exc.value)


def test_it_refuses_a_zip_that_is_not_an_office_file():
    with pytest.raises(SheetError, match=reading.MSG_NOT_SPREADSHEET):
        check_file(_zip({"readme.txt": b"hello"}))


def test_it_refuses_a_zip_bomb_by_unpacked_size(settings):
    settings.JIEDAO_IMPORT_MAX_UNPACKED_BYTES = 1024 * 1024
    with pytest.raises(SheetError, match=reading.MSG_ZIP_BOMB):
        check_file(_zip({"[Content_Types].xml": b"<x/>", "xl/worksheets/sheet1.xml": b"\0" * 5_000_000}))


def test_it_refuses_a_zip_bomb_by_compression_ratio():
    with pytest.raises(SheetError, match=reading.MSG_ZIP_BOMB):
        check_file(_zip({"[Content_Types].xml": b"<x/>", "xl/worksheets/sheet1.xml": b"\0" * 11_000_000}))


def test_it_refuses_a_damaged_spreadsheet(db):
    data = _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"not xml"})
    with pytest.raises(SheetError, match=reading.MSG_UNREADABLE):
        read_sheet(data, get_ledger("residents"))


def test_it_finds_the_header_under_a_title_row_and_tolerates_marks(db):
    header = [h + "*" if h == "姓名" else h for h in RESIDENT_HEADER]
    header[header.index("与户主关系")] = "与户主关系 "
    data = xlsx(
        [
            ["XX社区居民信息登记表"],
            header,
            resident_row("张三", make_id(seq=1)),
            [],
            resident_row("李四", make_id(seq=3)),
        ]
    )
    sheet = read_sheet(data, get_ledger("residents"))
    assert sheet.header_row == 2
    assert [number for number, _ in sheet.rows] == [3, 5]  # blank rows skipped, spreadsheet row numbers kept
    assert sheet.positions["name"] == 0 and sheet.positions["relation"] == 9


def test_it_refuses_a_sheet_without_data_rows(db):
    with pytest.raises(SheetError, match=reading.MSG_NO_ROWS):
        read_sheet(xlsx([RESIDENT_HEADER]), get_ledger("residents"))


def test_it_refuses_too_many_rows(db, settings):
    settings.JIEDAO_IMPORT_MAX_ROWS = 1
    rows = [RESIDENT_HEADER, resident_row("张三", make_id(seq=1)), resident_row("李四", make_id(seq=3))]
    with pytest.raises(SheetError) as exc:
        read_sheet(xlsx(rows), get_ledger("residents"))
    assert "数据行过多" in str(exc.value)
