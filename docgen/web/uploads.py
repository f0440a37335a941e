"""Uploaded speeches and rosters: type and size limits, zip-bomb checks, server-chosen names.

An upload is written to a temporary file first and read with the same reader the CLI uses; only
a file that reads is moved into source/. The user's file name is shown, never used as a path.
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import InputError
from docgen.web.capture import warnings_here
from docgen.web.classes import ROSTER_TYPES, ClassFolder

SPEECH_TYPES = (".docx", ".txt", ".md")
MAX_SPEECH = 20 * 1024 * 1024
MAX_ROSTER = 10 * 1024 * 1024
MAX_UNPACKED = 200 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_RATIO = 200
MAX_SPEECHES = 30
CHUNK = 1024 * 1024
SPEECH_NAME = re.compile(r"^speech(\d+)\.md$")


class UploadError(InputError):
    """An upload refused before any reader saw it (type, size, a zip bomb)."""


@dataclass
class Upload:
    display: str
    """The user's file name, for messages only."""
    suffix: str
    tmp: Path


async def receive(item, allowed: tuple[str, ...], limit: int, what: str, tmp_dir: Path) -> Upload:
    """Copy an UploadFile to a temporary file after checking its type and size."""
    if item is None or isinstance(item, str) or not getattr(item, "filename", ""):
        raise UploadError(f"请选择要上传的{what}文件")
    display = _display_name(item.filename)
    suffix = Path(display).suffix.lower()
    if suffix not in allowed:
        raise UploadError(f"{display}：不支持的{what}格式，请上传 {'、'.join(allowed)} 文件")
    tmp_dir.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(suffix=suffix, dir=tmp_dir)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            size = 0
            while chunk := await item.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise UploadError(f"{display}：文件太大（超过 {limit // (1024 * 1024)} MB）")
                out.write(chunk)
        if size == 0:
            raise UploadError(f"{display}：{what}文件是空的")
        if suffix in (".docx", ".xlsx"):
            check_zip(tmp, display)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return Upload(display, suffix, tmp)


def _display_name(filename: str) -> str:
    name = re.split(r"[/\\]", filename)[-1]
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip()
    return name[-80:] or "未命名"


def check_zip(path: Path, display: str) -> None:
    """A .docx/.xlsx is a zip: refuse one that is not, or that would unpack to far more than it weighs."""
    kind = "Word" if path.suffix == ".docx" else "Excel"
    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UploadError(f"{display}：不是有效的 {kind} 文件（文件已损坏，或只是改了扩展名）") from None
    unpacked = sum(m.file_size for m in members)
    packed = max(sum(m.compress_size for m in members), 1)
    if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED or unpacked / packed > MAX_RATIO:
        raise UploadError(f"{display}：文件解压后过大（疑似压缩炸弹），已拒绝")


def _read(reader, upload: Upload):
    """`reader(upload.tmp)`; its message names the temporary file: name the user's file instead."""
    try:
        return reader(upload.tmp)
    except InputError as e:
        raise InputError(named(str(e), upload)) from None


def named(text: str, upload: Upload) -> str:
    """A message about the temporary file, naming the user's file."""
    return text.replace(str(upload.tmp), upload.display).replace(upload.tmp.name, upload.display)


def store_speech(cf: ClassFolder, upload: Upload) -> tuple[str, list[str]]:
    """Read the upload as the CLI would; keep the original in source/uploads/ and write its
    structured Markdown (what `docgen parse --format md` writes) as source/speechN.md.
    Returns the name and the reader's warnings."""
    from docgen.fsutil import write_text_atomic
    from docgen.readers import read_speech
    from docgen.writers.markdown import speech_to_markdown

    try:
        with warnings_here() as warnings:
            markdown = speech_to_markdown(_read(read_speech, upload))
        n = next_speech_number(cf)
        uploads = cf.source / "uploads"
        uploads.mkdir(exist_ok=True)
        os.replace(upload.tmp, uploads / f"speech{n}{upload.suffix}")
        write_text_atomic(cf.source / f"speech{n}.md", markdown)
    finally:
        upload.tmp.unlink(missing_ok=True)
    return f"speech{n}.md", [named(w, upload) for w in warnings]


def next_speech_number(cf: ClassFolder) -> int:
    numbers = [int(m.group(1)) for p in cf.source.iterdir() if (m := SPEECH_NAME.match(p.name))]
    if len(numbers) >= MAX_SPEECHES:
        raise UploadError(f"一个培训班最多 {MAX_SPEECHES} 篇讲话稿")
    return max(numbers, default=0) + 1


def store_roster(cf: ClassFolder, upload: Upload) -> tuple[str, list[str]]:
    """Read the upload as the CLI would, then make it source/roster.xlsx or .csv (the other one removed).
    Returns the name and the reader's warnings (repeated names, rows without a name)."""
    from docgen.roster import read_roster

    name = f"roster{upload.suffix}"
    try:
        with warnings_here() as warnings:
            roster = _read(read_roster, upload)
        os.replace(upload.tmp, cf.source / name)
    finally:
        upload.tmp.unlink(missing_ok=True)
    for other in ROSTER_TYPES:
        if other != upload.suffix:
            (cf.source / f"roster{other}").unlink(missing_ok=True)
    return name, [f"名单共 {len(roster.attendees)} 人", *(named(w, upload) for w in warnings)]
