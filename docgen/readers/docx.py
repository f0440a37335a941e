"""Word .docx speeches: paragraphs in order; heading styles where present, else text detection."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from docgen.analysis.blocks import Block, split_paragraphs
from docgen.errors import InputError
from docgen.model import Speech

HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
TITLE_STYLES = {"title", "标题", "subtitle", "副标题"}


def read(path: Path, encoding: str | None = None) -> Speech:
    """Read and parse a .docx speech (`encoding` is ignored: .docx is always Unicode)."""
    from docgen.analysis.structure import build_speech

    blocks = docx_blocks(path)
    if not blocks:
        raise InputError(f"{path}：Word 文件里没有文字，请检查是否选错了文件")
    return build_speech(blocks, source=str(path))


def docx_blocks(path: Path) -> list[Block]:
    """Blocks of the document body: Title → level 1, Heading N → level N+1, other paragraphs as text.

    Labels of Word's automatic numbering are put back in front of the text they number.
    """
    from docgen.readers.docx_numbering import Numbering

    doc = _open(path)
    numbering = Numbering(doc)
    blocks: list[Block] = []
    for para in doc.paragraphs:
        level = style_level(para.style.name if para.style is not None else "")
        label = numbering.label(para)
        for text in split_paragraphs(label + para.text):
            blocks.append(Block(text, level=level))
    return blocks


def style_level(name: str) -> int:
    """`Title` → 1, `Heading 1` / `标题 1` → 2, … ; body styles → 0."""
    if name.strip().lower() in TITLE_STYLES:
        return 1
    m = HEADING_STYLE.match(name.strip())
    return int(m.group(1)) + 1 if m else 0


def _open(path: Path):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise InputError(f"{path}：无法打开这个 Word 文件（{type(e).__name__}），文件可能已损坏；"
                         "请用 Word 或 WPS 打开后另存为 .docx 再试") from None
