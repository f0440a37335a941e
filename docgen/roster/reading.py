"""Read a roster file (.xlsx, .csv in UTF-8/UTF-8-BOM/GBK, .txt one name a line) into a Roster."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from docgen.errors import InputError
from docgen.fsutil import note_input
from docgen.roster.columns import rows_to_roster
from docgen.roster.model import Roster

SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt")
Row = tuple[int, list[str]]
MAX_ROWS = 1_048_576
"""Rows of a sheet (Excel's own limit), counted as read, not as the sheet claims: a row numbered
999999999 ends the reading instead of making a billion empty rows."""
MAX_COLUMNS = 200
"""Columns read from each row (a roster has a handful; further cells are ignored)."""


def read_roster(path: str | Path) -> Roster:
    """Read the roster at `path`; an InputError names the file and what to do."""
    path = Path(path)
    _check_file(path)
    note_input(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(path)
    elif suffix == ".csv":
        rows = _csv_rows(path)
    else:
        rows = _txt_rows(path)
    return rows_to_roster(rows, path, names_only=suffix == ".txt")


def _check_file(path: Path) -> None:
    if not path.exists():
        raise InputError(f"{path}：找不到名单文件，请检查路径")
    if path.is_dir():
        raise InputError(f"{path}：这是一个目录，请给出名单文件（.xlsx、.csv 或 .txt）")
    if path.suffix.lower() in (".xls", ".et", ".wps"):
        raise InputError(f"{path}：不支持旧版 Excel/WPS 表格格式，请用 Excel 或 WPS 另存为 .xlsx 或 .csv")
    if path.suffix.lower() not in SUFFIXES:
        raise InputError(f"{path}：不支持的名单格式 {path.suffix or '（无扩展名）'}，请用 .xlsx、.csv 或每行一个姓名的 .txt")


def decode_text(path: Path) -> str:
    """The file's text in whatever encoding it uses (UTF-8 ± BOM, UTF-16 with BOM, GB18030/GBK as
    Excel on Chinese Windows saves), binary files refused: the speech reader's detection."""
    from docgen.readers.text import decode

    return decode(path.read_bytes(), path)


def _csv_rows(path: Path) -> list[Row]:
    text = decode_text(path)
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    try:
        return [(i, row) for i, row in enumerate(reader, start=1)]
    except csv.Error as e:
        if "field limit" in str(e):
            raise InputError(f"{path}：第 {reader.line_num} 行有一格超过 {csv.field_size_limit()} 个字符（上限），"
                             "多半是引号没有配对；请用 Excel 打开后另存为 CSV") from None
        raise InputError(f"{path}：第 {reader.line_num} 行 CSV 格式错误，请用 Excel 另存为 CSV") from None


def _delimiter(text: str) -> str:
    """Excel writes commas; a tab- or semicolon-separated export is recognised by its first lines."""
    head = "\n".join(text.splitlines()[:5])
    for candidate in (",", "\t", ";"):
        if candidate in head:
            return candidate
    return ","


def _txt_rows(path: Path) -> list[Row]:
    return [(i, [line]) for i, line in enumerate(decode_text(path).splitlines(), start=1)]


def _xlsx_rows(path: Path) -> list[Row]:
    import zipfile

    from openpyxl import load_workbook

    from docgen.readers.package import check_package

    check_package(path, "Excel ")
    broken = (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, IndexError, SyntaxError)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except broken:
        raise InputError(f"{path}：不是有效的 Excel（.xlsx）文件，请用 Excel 另存为 .xlsx") from None
    try:
        ws = wb.active if wb.active is not None else wb.worksheets[0]
        ws.reset_dimensions()  # the rows and cells present, not the range the file claims (A1:XFD1048576)
        return _sheet_rows(ws, path)
    except broken:
        raise InputError(f"{path}：Excel 文件内部格式有误，请用 Excel 打开后另存为 .xlsx") from None
    finally:
        wb.close()


def _sheet_rows(ws, path: Path) -> list[Row]:
    rows = []
    for i, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if i > MAX_ROWS:
            raise InputError(f"{path}：名单超过 {MAX_ROWS} 行（Excel 的上限），请检查文件")
        cells = [_cell_text(v) for v in row[:MAX_COLUMNS]]
        if any(cells):
            rows.append((i, cells))
    return rows


def _cell_text(value) -> str:
    """A cell as text; 13800001234.0 (a phone typed as a number) becomes 13800001234."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
