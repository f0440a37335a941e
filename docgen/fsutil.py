"""File-system helpers: atomic writes and safe file names."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from docgen.errors import OutputError

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside `target`; rename it onto `target` only if the block succeeds.

    A failure leaves no partial file behind and an existing `target` untouched.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".~" + target.stem[:40], suffix=target.suffix, dir=target.parent)
    except OSError as e:
        raise OutputError(f"{target.parent}：无法在这个文件夹里写文件（{_reason(e)}）") from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o666 & ~_umask())
        try:
            os.replace(tmp_path, target)
        except PermissionError:
            raise OutputError(locked_message(target)) from None
        except OSError as e:
            raise OutputError(f"{target}：无法写入（{_reason(e)}）") from None
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def locked_message(target: Path) -> str:
    """Windows refuses to replace a file another program holds open."""
    program = "PDF 阅读器" if target.suffix.lower() == ".pdf" else "Word、WPS 或 PowerPoint"
    return f"{target}：无法替换这个文件，它可能正在{program}中打开，请关闭后重试"


def _reason(e: OSError) -> str:
    return {errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限", errno.ENOSPC: "磁盘已满",
            errno.EROFS: "只读的磁盘"}.get(e.errno, e.strerror or type(e).__name__)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(target: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text to `target` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


def safe_filename(name: str, fallback: str = "未命名") -> str:
    """Return `name` usable as one file name: no separators, control characters or leading dots."""
    cleaned = _UNSAFE.sub("_", name).strip().lstrip(".").strip()
    cleaned = re.sub(r"_+", "_", cleaned)
    return cleaned[:100] or fallback
