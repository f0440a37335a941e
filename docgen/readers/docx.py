"""Word .docx speeches: paragraphs and table rows in order; heading styles where present, else text detection."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from docgen.analysis.blocks import Block, split_paragraphs
from docgen.errors import InputError
from docgen.model import Speech
from docgen.readers.docx_numbering import W
from docgen.report import warn

W_P, W_TBL, W_TR, W_TC = W + "p", W + "tbl", W + "tr", W + "tc"
HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
TITLE_STYLES = {"title", "标题", "subtitle", "副标题"}


def read(path: Path, encoding: str | None = None) -> Speech:
    """Read and parse a .docx speech (`encoding` is ignored: .docx is always Unicode)."""
    from docgen.analysis.structure import build_speech

    blocks, tables = docx_blocks(path)
    if not blocks:
        raise InputError(f"{path}：Word 文件里没有文字，请检查是否选错了文件")
    speech = build_speech(blocks, source=str(path))
    if tables:
        message = f"讲话稿中有 {tables} 个表格，已按行读作正文段落（每行一段，单元格之间用空格隔开），请核对"
        speech.warnings.append(message)
        warn(f"{path}：{message}")
    return speech


def docx_blocks(path: Path) -> tuple[list[Block], int]:
    """Blocks of the document body in order, and how many tables it has.

    Title → level 1, Heading N → level N+1, other paragraphs as text. Labels of Word's automatic
    numbering are put back in front of the text they number. A table's rows become text blocks,
    so no words of the speech are lost.
    """
    try:
        return _blocks(path)
    except (KeyError, ValueError, AttributeError, SyntaxError, RecursionError) as e:  # lxml's are SyntaxErrors
        raise InputError(f"{path}：Word 文件内部格式有误（{_reason(e)}），文件可能已损坏；"
                         "请用 Word 或 WPS 打开后另存为 .docx 再试") from None


def _blocks(path: Path) -> tuple[list[Block], int]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from docgen.readers.docx_numbering import Numbering

    doc = _open(path)
    numbering = Numbering(doc)
    blocks: list[Block] = []
    tables = 0
    for child in doc.element.body.iterchildren(W_P, W_TBL):
        if child.tag == W_TBL:
            tables += 1
            blocks.extend(Block(row) for row in table_rows(Table(child, doc)))
            continue
        para = Paragraph(child, doc)
        level = style_level(para.style.name if para.style is not None else "")
        label = numbering.label(para)
        for text in split_paragraphs(label + para.text):
            blocks.append(Block(text, level=level))
    return blocks, tables


def table_rows(table) -> list[str]:
    """Each row's non-empty cell texts joined by an ideographic space (a merged cell once)."""
    from docx.table import _Cell

    rows = []
    for tr in table._tbl.iterchildren(W_TR):
        cells = ["".join(p.text.strip() for p in _Cell(tc, table).paragraphs) for tc in tr.iterchildren(W_TC)]
        if any(cells):
            rows.append("\u3000".join(c for c in cells if c))
    return rows


def style_level(name: str) -> int:
    """`Title` → 1, `Heading 1` / `标题 1` → 2, … ; body styles → 0."""
    if name.strip().lower() in TITLE_STYLES:
        return 1
    m = HEADING_STYLE.match(name.strip())
    return int(m.group(1)) + 1 if m else 0


def _open(path: Path):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from docgen.readers.package import check_package

    check_package(path, "Word ")
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as e:
        raise InputError(f"{path}：无法打开这个 Word 文件（{_reason(e)}），文件可能已损坏；"
                         "请用 Word 或 WPS 打开后另存为 .docx 再试") from None


def _reason(e: Exception) -> str:
    """What python-docx or lxml stumbled on, in Chinese."""
    if isinstance(e, SyntaxError):
        return "XML 语法错误" + (f"，第 {e.lineno} 行" if getattr(e, "lineno", None) else "")
    if isinstance(e, KeyError):
        return "缺少必需的部分"
    if isinstance(e, RecursionError):
        return "嵌套太深"
    return "内容不符合 Word 格式"
