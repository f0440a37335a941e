"""Markdown speeches: docgen's editable structured form, or any Markdown (headings become sections)."""

from __future__ import annotations

import re
from pathlib import Path

from docgen.analysis.blocks import Block, clean_line, split_paragraphs
from docgen.model import Speech


def read(path: Path, encoding: str | None = None) -> Speech:
    from docgen.errors import InputError
    from docgen.readers.structured import is_structured, parse_structured
    from docgen.readers.text import decode

    text = decode(path.read_bytes(), path, encoding)
    if is_structured(text):
        speech = parse_structured(text, source=str(path))
    else:
        from docgen.analysis.structure import build_speech

        blocks = markdown_blocks(text)
        if not blocks:
            raise InputError(f"{path}：文件里没有文字，请检查是否选错了文件")
        speech = build_speech(blocks, source=str(path))
    return speech


FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
FRONT_TITLE = re.compile(r"^title:\s*[\"']?(.*?)[\"']?\s*$", re.MULTILINE)


def markdown_blocks(text: str) -> list[Block]:
    """Paragraphs of a Markdown text: headings keep their level, block quotes are notes.

    A YAML front matter block is not text; its `title:` becomes the title when there is one.
    """
    from markdown_it import MarkdownIt

    blocks: list[Block] = []
    front = FRONT_MATTER.match(text)
    if front:
        text = text[front.end():]
        title = FRONT_TITLE.search(front.group(1))
        if title and title.group(1):
            blocks.append(Block(title.group(1), level=1))
    tokens = MarkdownIt("commonmark").parse(text)
    quote_depth = 0
    prefix = ""
    for i, tok in enumerate(tokens):
        if tok.type == "blockquote_open":
            quote_depth += 1
        elif tok.type == "blockquote_close":
            quote_depth -= 1
        elif tok.type == "list_item_open" and tok.info:
            prefix = tok.info + tok.markup
        elif tok.type == "hr":
            blocks.append(Block("---"))
        elif tok.type in ("fence", "code_block"):
            blocks.extend(Block(p) for p in split_paragraphs(tok.content))
        elif tok.type == "inline":
            opener = tokens[i - 1]
            level = int(opener.tag[1]) if opener.type == "heading_open" else 0
            for piece in _inline_pieces(tok):
                if level:
                    blocks.append(Block(clean_line(piece), level=level))
                else:
                    blocks.extend(Block(prefix + p, note=quote_depth > 0) for p in split_paragraphs(piece))
                prefix = ""
    return [b for b in blocks if b.text]


def _inline_pieces(tok) -> list[str]:
    """The text of an inline token without markup; hard line breaks split it into pieces."""
    pieces, current = [], []
    for child in tok.children or []:
        if child.type == "hardbreak":
            pieces.append("".join(current))
            current = []
        elif child.type in ("text", "code_inline", "html_inline"):
            current.append(child.content if child.type != "html_inline" else "")
    pieces.append("".join(current))
    return pieces
