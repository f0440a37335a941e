"""Readers: one source format each, all producing a `Speech`.

`read_speech(path)` checks the file, picks the reader by suffix and runs structure detection.
"""

from __future__ import annotations

from pathlib import Path

from docgen.errors import InputError
from docgen.fsutil import note_input
from docgen.model import Speech

READERS = {
    ".txt": "docgen.readers.text",
    ".text": "docgen.readers.text",
    ".md": "docgen.readers.markdown",
    ".markdown": "docgen.readers.markdown",
    ".docx": "docgen.readers.docx",
}
UNSUPPORTED = {
    ".doc": "旧版 Word（.doc）",
    ".wps": "WPS 文字（.wps）",
    ".pdf": "PDF",
    ".rtf": "RTF",
    ".odt": "OpenDocument（.odt）",
    ".pptx": "PowerPoint",
    ".xlsx": "Excel",
}


def read_speech(path: str | Path, encoding: str | None = None) -> Speech:
    """Read a speech from .txt (any encoding), .docx or .md; raise `InputError` on bad input."""
    import importlib

    path = Path(path)
    check_input_file(path, "讲话稿")
    note_input(path)
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED:
        raise InputError(f"{path}：不支持{UNSUPPORTED[suffix]}格式，请在 Word 或 WPS 中另存为 .docx 或 .txt 后再试")
    module = importlib.import_module(READERS.get(suffix, "docgen.readers.text"))
    speech = module.read(path, encoding=encoding)
    speech.source = str(path)
    return speech


def check_input_file(path: Path, what: str) -> None:
    """Raise `InputError` for a missing file, a directory or an empty file."""
    if not path.exists():
        if path.is_symlink():
            raise InputError(f"{path}：是一个符号链接，指向的{what}文件不存在（或链接绕成了圈），请检查")
        raise InputError(f"{path}：找不到{what}文件，请检查路径")
    if path.is_dir():
        raise InputError(f"{path}：这是一个目录，请给出{what}文件")
    if path.stat().st_size == 0:
        raise InputError(f"{path}：{what}文件是空的")
