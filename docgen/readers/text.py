"""Plain-text speeches in any common Chinese encoding (UTF-8 ± BOM, UTF-16 ± BOM, GB18030/GBK)."""

from __future__ import annotations

import codecs
from pathlib import Path

from docgen.errors import InputError
from docgen.model import Speech

BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
BINARY_MAGIC = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"{\\rtf")
MAX_ODD_RATIO = 0.02


def read(path: Path, encoding: str | None = None) -> Speech:
    """Read and parse a text speech; `encoding` forces the codec."""
    from docgen.analysis.blocks import Block, split_paragraphs
    from docgen.analysis.structure import build_speech

    text = decode(path.read_bytes(), path, encoding)
    blocks = [Block(p) for p in split_paragraphs(text)]
    if not blocks:
        raise InputError(f"{path}：文件里没有文字，请检查是否选错了文件")
    return build_speech(blocks, source=str(path))


def decode(data: bytes, path: Path, encoding: str | None = None) -> str:
    """Bytes → text: the forced codec, else BOM, else UTF-16 without one, else UTF-8, else GB18030;
    InputError when none fits."""
    if encoding:
        return _forced(data, path, encoding)
    if data.startswith(BINARY_MAGIC):
        raise InputError(f"{path}：这是二进制文件（如 Word、PDF、图片），不是文本；请另存为 .txt 或 .docx 后再试")
    for bom, codec in BOMS:
        if data.startswith(bom):
            return _strict(data, path, codec)
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise InputError(f"{path}：这是二进制文件，不是文本；请另存为 UTF-8 编码的 .txt 后再试")
        return text
    for codec in ("utf-8", "gb18030"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text
    raise InputError(f"{path}：无法识别文本编码，请用记事本另存为 UTF-8 编码，或用 --encoding 指定编码（如 gbk）")


UTF16_MARKS = "\n，。、；：“”！？（）"
"""Characters every Chinese text has many of: line ends and punctuation."""


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark (some Windows tools): the byte order under which the
    text has line ends and Chinese punctuation, where the other order has next to none. None for
    anything else (binary data decodes to neither)."""
    if len(data) % 2:
        return None
    decoded = []
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        decoded.append((sum(text.count(c) for c in UTF16_MARKS), text))
    if not decoded:
        return None
    decoded.sort(key=lambda d: d[0], reverse=True)
    marks, text = decoded[0]
    other = decoded[1][0] if len(decoded) > 1 else 0
    if marks < max(3, len(text) / 200) or marks <= 10 * other:
        return None
    return text if _has_ideograph(text) and _plausible(text) else None


def _forced(data: bytes, path: Path, encoding: str) -> str:
    try:
        text_codec = codecs.lookup(encoding)._is_text_encoding
    except LookupError:
        text_codec = False
    if not text_codec:
        raise InputError(f"{path}：不认识的编码“{encoding}”（或不是文本编码），请改用 utf-8、gbk、gb18030 或 utf-16") from None
    text = _strict(data, path, encoding)
    if text.strip() and not _has_ideograph(text):
        raise InputError(f"{path}：按 {encoding} 编码读出的内容里没有一个汉字，编码多半不对；"
                         "请去掉 --encoding 让 docgen 自动识别，或改用 gbk、utf-8")
    return text


def _has_ideograph(text: str) -> bool:
    """Any CJK ideograph (U+3400-U+9FFF)? A scan, not a regex: compiling that 27,000-character
    class costs more (about 5 ms at import) than scanning a decoded speech, and is rarely needed."""
    return any("\u3400" <= c <= "\u9fff" for c in text)


def _strict(data: bytes, path: Path, codec: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as e:
        raise InputError(f"{path}：按 {codec} 编码读取失败（第 {e.start + 1} 字节），请检查文件编码或改用 --encoding 指定") from None
    return text.lstrip("\ufeff")


def _plausible(text: str) -> bool:
    """Reject decodings full of control characters or private-use code points (binary data)."""
    odd = sum(1 for c in text if (ord(c) < 32 and c not in "\t\n\r\f") or 0xE000 <= ord(c) <= 0xF8FF)
    return odd <= max(2, MAX_ODD_RATIO * len(text))
