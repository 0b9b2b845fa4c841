"""Writing spreadsheets: templates, exports and error reports (XlsxWriter, constant memory)."""

import io
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import xlsxwriter

from jiedao.excel.spec import Ledger

# A cell starting with one of these is read as a formula by Excel or WPS (CSV/formula injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """Prefix a would-be formula with an apostrophe, so the spreadsheet shows it as text."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


class _Book:
    def __init__(self):
        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(
            self.buffer, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        )
        self.header = self.book.add_format(
            {"bold": True, "bg_color": "#DCE6F1", "border": 1, "text_wrap": True, "valign": "vcenter"}
        )
        self.required_header = self.book.add_format(
            {"bold": True, "bg_color": "#DCE6F1", "border": 1, "font_color": "#C00000", "valign": "vcenter"}
        )
        self.date = self.book.add_format({"num_format": "yyyy-mm-dd"})
        self.datetime = self.book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
        self.text = self.book.add_format({"num_format": "@"})

    def sheet(self, name: str, headers: list[tuple[str, int, bool]]):
        sheet = self.book.add_worksheet(name[:31])
        for col, (title, width, required) in enumerate(headers):
            sheet.set_column(col, col, width, self.text)
            sheet.write_string(0, col, title, self.required_header if required else self.header)
        sheet.freeze_panes(1, 0)
        return sheet

    def write_row(self, sheet, row: int, values: Iterable[Any]) -> None:
        for col, value in enumerate(values):
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                sheet.write_string(row, col, "是" if value else "否")
            elif isinstance(value, datetime):
                sheet.write_datetime(row, col, value.replace(tzinfo=None), self.datetime)
            elif isinstance(value, date):
                sheet.write_datetime(row, col, datetime(value.year, value.month, value.day), self.date)
            elif isinstance(value, int | float | Decimal):
                sheet.write_number(row, col, float(value))
            else:
                sheet.write_string(row, col, neutralise(str(value)))

    def close(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


def template_bytes(ledger: Ledger) -> bytes:
    """An empty ledger file: Chinese headers (required ones in red, with *), notes, one example row, a guide."""
    book = _Book()
    columns = ledger.import_columns
    sheet = book.sheet(
        ledger.title, [(c.header + ("*" if c.required else ""), c.width, c.required) for c in columns]
    )
    for col, column in enumerate(columns):
        if column.help:
            sheet.write_comment(0, col, column.help, {"x_scale": 2, "y_scale": 1.5})
    guide = book.book.add_worksheet("填写说明")
    guide.set_column(0, 0, 24)
    guide.set_column(1, 1, 80)
    guide.write_string(0, 0, f"{ledger.title}台账 · 填写说明", book.header)
    lines = [
        ("必填列", "表头为红色并带 * 的列必须填写"),
        ("示例", "第2行起填写数据；下方“示例”页有一行示例"),
        ("身份证号码、电话等", "请把单元格设为“文本”格式，避免Excel把长数字改写"),
        ("导入规则", "整份文件校验通过才会写入；任何一行有错误，所有行都不写入，并给出错误报告"),
        ("重复导入", "按唯一标识更新已有记录，不会重复新增"),
    ]
    for row, (title, text) in enumerate(lines, start=2):
        guide.write_string(row, 0, title)
        guide.write_string(row, 1, text)
    for offset, column in enumerate(columns, start=len(lines) + 3):
        guide.write_string(offset, 0, column.header + ("（必填）" if column.required else ""))
        guide.write_string(offset, 1, column.help or "")
    example = book.sheet("示例", [(c.header, c.width, c.required) for c in columns])
    example.write_row(1, 0, [neutralise(c.example) for c in columns])
    return book.close()


def rows_bytes(
    title: str, headers: list[str], rows: Iterable[Iterable[Any]], widths: list[int] | None = None
) -> bytes:
    book = _Book()
    widths = widths or [14] * len(headers)
    sheet = book.sheet(title, [(h, w, False) for h, w in zip(headers, widths, strict=True)])
    for number, row in enumerate(rows, start=1):
        book.write_row(sheet, number, row)
    return book.close()


def error_report_bytes(errors: list[list]) -> bytes:
    return rows_bytes("错误报告", ["行号", "列名", "原因"], errors, [8, 20, 80])
