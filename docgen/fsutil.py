"""File-system helpers: atomic writes and safe file names."""

from __future__ import annotations

import contextlib
import contextvars
import errno
import glob
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from docgen.errors import OutputError

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
NAME_BYTES = 120
"""Bytes a name part may take: file systems allow 255 per name, and docgen adds `-测试卷-{course}-答案.docx`."""
_inputs: contextvars.ContextVar[set[tuple[int, int]] | None] = contextvars.ContextVar("docgen_inputs", default=None)
"""(device, inode) of every file one command has read: no output of it may replace one of them.
None outside a command (a library caller, the web server, which chooses every file name itself)."""


@contextlib.contextmanager
def tracking_inputs(on: bool = True) -> Iterator[None]:
    """Within the block, outputs may not replace the files read (`on`), or nothing is tracked."""
    token = _inputs.set(set() if on else None)
    try:
        yield
    finally:
        _inputs.reset(token)


def note_input(path: str | os.PathLike[str]) -> None:
    """Remember that this command reads `path`, so that no output replaces it."""
    inputs = _inputs.get()
    if inputs is None:
        return
    try:
        st = os.stat(path)
    except OSError:
        return
    inputs.add((st.st_dev, st.st_ino))


def refuse_input(target: str | os.PathLike[str]) -> None:
    """An `OutputError` when `target` is a file this command reads (`docgen handout a.docx -o a.docx`)."""
    inputs = _inputs.get()
    if not inputs:
        return
    try:
        st = os.stat(target)
    except OSError:
        return
    if (st.st_dev, st.st_ino) in inputs:
        raise OutputError(f"{target}：输出文件就是输入文件，写入会覆盖它；请用 -o 另指定一个输出文件")


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside `target`; rename it onto `target` only if the block succeeds.

    A failure leaves no partial file behind and an existing `target` untouched.
    """
    target = Path(target)
    refuse_input(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".~" + target.stem[:40], suffix=target.suffix, dir=target.parent)
    except OSError as e:
        raise OutputError(f"{target.parent}：无法在这个文件夹里写文件（{_reason(e)}）") from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        try:
            yield tmp_path
        except OSError as e:  # a full disk, a quota, a file too big
            raise OutputError(f"{target}：写入失败（{_reason(e)}），原有的文件没有改动") from None
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


def remove_temporaries(target: str | os.PathLike[str]) -> None:
    """Remove what `atomic_path(target)` leaves when its process is killed (SIGKILL, out of memory)."""
    target = Path(target)
    for leftover in target.parent.glob(f".~{glob.escape(target.stem[:40])}*"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def locked_message(target: Path) -> str:
    """Windows refuses to replace a file another program holds open."""
    program = "PDF 阅读器" if target.suffix.lower() == ".pdf" else "Word、WPS 或 PowerPoint"
    return f"{target}：无法替换这个文件，它可能正在{program}中打开，请关闭后重试"


def _reason(e: OSError) -> str:
    return os_reason(e)


OS_REASONS = {errno.EACCES: "没有权限", errno.EPERM: "没有权限", errno.ENOSPC: "磁盘已满，请清理后重试",
              errno.EDQUOT: "超出磁盘配额", errno.EROFS: "只读的磁盘", errno.ENAMETOOLONG: "文件名太长",
              errno.ENOENT: "文件或文件夹不存在", errno.EEXIST: "已存在同名文件", errno.ENOTDIR: "路径中有一段不是文件夹",
              errno.EISDIR: "这是一个文件夹", errno.ELOOP: "符号链接循环", errno.EIO: "磁盘读写错误",
              errno.ENOTEMPTY: "文件夹不是空的", errno.EBUSY: "文件正被占用", errno.EFBIG: "文件太大"}


def os_reason(e: OSError) -> str:
    """What went wrong, in Chinese, for the errors a user can meet (full disk, long name, no permission)."""
    return OS_REASONS.get(e.errno, f"系统错误 {e.errno}" if e.errno else "系统错误")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(target: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text to `target` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


def safe_filename(name: str, fallback: str = "未命名", max_bytes: int = NAME_BYTES) -> str:
    """Return `name` usable as part of one file name: no separators, control characters or leading
    dots, at most `max_bytes` bytes of UTF-8 (a long class name is shortened, not refused)."""
    cleaned = _UNSAFE.sub("_", name).strip().lstrip(".").strip()
    cleaned = re.sub(r"_+", "_", cleaned)
    return truncate_bytes(cleaned, max_bytes).rstrip() or fallback


def truncate_bytes(text: str, max_bytes: int) -> str:
    """The longest start of `text` whose UTF-8 takes at most `max_bytes` bytes."""
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    return data[:max_bytes].decode("utf-8", errors="ignore")
