"""Office files (.docx, .xlsx, .pptx) are zip packages: checked before any library parses them.

A package can claim little and inflate to gigabytes (a zip bomb), or carry a DTD whose entities
expand a few bytes into gigabytes. Each part's size is read from the zip directory (the zip
module never inflates a part past the size recorded there) and each XML part's start is checked
for a DTD, which no Office file has.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from docgen.errors import InputError

MB = 1024 * 1024
PART_LIMIT = 256 * MB
"""The largest part: a 50 MB speech's document.xml is about 80 MB, a 100,000-person sheet 40 MB."""
TOTAL_LIMIT = 1024 * MB
"""All parts together."""
PARTS_LIMIT = 20_000
XML_HEAD = 65536
"""A DTD comes before the root element, which an Office file's part starts within its first bytes."""


def check_package(path: Path, what: str) -> None:
    """Raise `InputError` naming `path` and the limit when the package at `path` is unsafe to parse."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            _check_sizes(path, what, infos)
            for info in infos:
                if info.filename.lower().endswith((".xml", ".rels", ".vml")) and _has_dtd(z, info):
                    raise InputError(f"{path}：{what}文件中的 {info.filename} 含有 DTD 实体声明（可用来把几个字节膨胀成"
                                     "几个 GB），正常的 Office 文件没有；已拒绝，请用 Word、Excel 或 WPS 另存后再试")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, RuntimeError):
        return  # not a package at all: the reader says so in its own words
    except OSError as e:
        from docgen.fsutil import os_reason

        raise InputError(f"{path}：无法读取{what}文件（{os_reason(e)}）") from None


def _check_sizes(path: Path, what: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > PARTS_LIMIT:
        raise InputError(f"{path}：{what}文件由 {len(infos)} 个部分组成，超过上限 {PARTS_LIMIT}，已拒绝")
    biggest = max(infos, key=lambda i: i.file_size, default=None)
    if biggest is not None and biggest.file_size > PART_LIMIT:
        raise InputError(f"{path}：{what}文件中的 {biggest.filename} 解压后有 {biggest.file_size // MB} MB，"
                         f"超过上限 {PART_LIMIT // MB} MB，已拒绝")
    total = sum(i.file_size for i in infos)
    if total > TOTAL_LIMIT:
        raise InputError(f"{path}：{what}文件解压后共 {total // MB} MB，超过上限 {TOTAL_LIMIT // MB} MB，已拒绝")


def _has_dtd(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Does the part declare a DTD before its root element (or hide its root past the first 64 KB)?"""
    with z.open(info) as f:
        head = f.read(XML_HEAD)
    root = _ROOT.search(head)
    prolog = head[:root.start()] if root else head
    if not root:
        return len(head) == XML_HEAD
    prolog = prolog.replace(b"\x00", b"")
    return b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog


_ROOT = re.compile(rb"<\x00?[A-Za-z_]")
