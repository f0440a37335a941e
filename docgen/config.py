"""class.toml: the class a kit is made for (name, organisers, dates, venue, schedule)."""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from docgen.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PERIODS = ("上午", "下午", "晚上", "全天")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
"""Characters no document can hold (XML refuses them) or a printer shows: removed from values."""


@dataclass
class Session:
    """One lecture of the schedule."""

    date: dt.date
    period: str = "上午"
    title: str = ""
    speaker: str = ""
    speech: Path | None = None
    """The speech file, resolved against the folder of class.toml."""

    @property
    def label(self) -> str:
        """`11月26日上午`, the column heading a sign-in sheet uses."""
        return f"{self.date.month}月{self.date.day}日{self.period}"


@dataclass
class ClassInfo:
    """Everything docgen knows about a class; every field optional but the name."""

    name: str = "培训班"
    organiser: str = ""
    """主办单位."""
    co_organiser: str = ""
    """承办单位."""
    start: dt.date | None = None
    end: dt.date | None = None
    venue: str = ""
    contact: str = ""
    serial_prefix: str = ""
    """Certificate numbers start with this, e.g. `2026-工干`."""
    roster: Path | None = None
    schedule: list[Session] = field(default_factory=list)
    folder: Path | None = None
    """The class folder (parent of source/), or None when no class.toml was given."""

    @property
    def dates_text(self) -> str:
        """`2026年11月26日至28日`, `2026年11月26日`, or empty."""
        return format_date_range(self.start, self.end)

    @property
    def speeches(self) -> list[Path]:
        """The distinct speech files of the schedule, in schedule order."""
        seen: list[Path] = []
        for s in self.schedule:
            if s.speech and s.speech not in seen:
                seen.append(s.speech)
        return seen


def format_date(d: dt.date | None) -> str:
    """`2026年11月26日` (no zero padding, as GB/T 9704 asks)."""
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def format_date_range(start: dt.date | None, end: dt.date | None) -> str:
    """`2026年11月26日至28日`, `2026年11月30日至12月2日`, or one date."""
    if not start:
        return format_date(end)
    if not end or end == start:
        return format_date(start)
    if end.year != start.year:
        tail = format_date(end)
    elif end.month != start.month:
        tail = f"{end.month}月{end.day}日"
    else:
        tail = f"{end.day}日"
    return f"{format_date(start)}至{tail}"


_KEYS = {
    "name": ("培训班名称", str),
    "organiser": ("主办单位", str),
    "co_organiser": ("承办单位", str),
    "start": ("开始日期", dt.date),
    "end": ("结束日期", dt.date),
    "venue": ("地点", str),
    "contact": ("联系人", str),
    "serial_prefix": ("证书编号前缀", str),
    "roster": ("名单文件", str),
}
_SESSION_KEYS = {
    "date": ("日期", dt.date),
    "period": ("时段", str),
    "title": ("课程", str),
    "speaker": ("授课人", str),
    "speech": ("讲话稿文件", str),
}


def load_class(path: str | Path) -> ClassInfo:
    """Read and validate class.toml; a `ConfigError` names the file, line and key."""
    from docgen.fsutil import note_input

    path = Path(path)
    text = _read(path)
    note_input(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}：TOML 格式错误（{_translate_toml_error(e, text)}），请检查该行") from None
    except RecursionError:
        raise ConfigError(f"{path}：方括号或花括号嵌套太深，class.toml 不需要嵌套") from None
    return _build(_without_controls(data, path), text, path)


def _without_controls(data: dict, path: Path) -> dict:
    """`data` with control characters removed from every string, with one warning naming the keys."""
    from docgen.report import warn

    touched: list[str] = []

    def clean(value, key: str):
        if isinstance(value, str):
            cleaned = _CONTROL.sub("", value.replace("\r\n", "\n"))
            if cleaned != value.replace("\r\n", "\n") and key not in touched:
                touched.append(key)
            return cleaned
        if isinstance(value, dict):
            return {k: clean(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v, key) for v in value]
        return value

    data = clean(data, "")
    if touched:
        warn(f"{path}：{'、'.join(touched)} 中有控制字符（看不见的特殊字符），已删除")
    return data


def printed_class_name(info: ClassInfo) -> str:
    """The class name documents print: empty when there is no class.toml (only the placeholder name)."""
    return info.name if info.folder is not None or info.name != ClassInfo.name else ""


def default_class(name: str = "培训班") -> ClassInfo:
    return ClassInfo(name=name)


def _read(path: Path) -> str:
    if not path.exists():
        raise ConfigError(f"{path}：找不到班级配置文件，可用 docgen init 生成一个")
    if path.is_dir():
        raise ConfigError(f"{path}：这是一个目录，请给出 class.toml 文件")
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as e:
        from docgen.fsutil import os_reason

        raise ConfigError(f"{path}：无法读取班级配置文件（{os_reason(e)}）") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}：不是 UTF-8 编码的文本，请用 UTF-8 保存") from None


def _translate_toml_error(e: Exception, text: str) -> str:
    m = re.search(r"line (\d+), column (\d+)", str(e))
    if not m:
        return "格式不对：引号、括号或逗号不配对，或缺少 ="
    line = int(m.group(1))
    lines = text.splitlines()
    content = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    return f"第 {line} 行第 {m.group(2)} 列：{content}" if content else f"第 {line} 行第 {m.group(2)} 列"


def _line_of(text: str, key: str, start: int = 0) -> int:
    """The 1-based line where `key =` first appears at or after line `start`, or 0."""
    pattern = re.compile(rf'^\s*"?{re.escape(key)}"?\s*=')
    for i, line in enumerate(text.splitlines()[start:], start=start + 1):
        if pattern.match(line):
            return i
    return 0


def _check(value, key: str, kind, spec_name: str, text: str, path: Path, start: int = 0):
    if kind is dt.date and isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, kind):
        line = _line_of(text, key, start)
        where = f"第 {line} 行" if line else "文件中"
        want = "日期，写成 2026-11-26（不加引号）" if kind is dt.date else "用引号括起的文字"
        raise ConfigError(f"{path}：{where}的 {key}（{spec_name}）应为{want}，实际是 {value!r}")
    return value


def _build(data: dict, text: str, path: Path) -> ClassInfo:
    info = ClassInfo(folder=_class_folder(path))
    for key, value in data.items():
        if key == "schedule":
            continue
        if key not in _KEYS:
            line = _line_of(text, key)
            known = "、".join(_KEYS) + "、schedule"
            raise ConfigError(f"{path}：第 {line} 行的键 {key} 无法识别，可用的键：{known}")
        spec_name, kind = _KEYS[key]
        setattr(info, key, _check(value, key, kind, spec_name, text, path))
    if isinstance(info.roster, str):
        info.roster = named_file(info.roster, "roster", text, path, info.folder) if info.roster else None
    if info.start and info.end and info.end < info.start:
        raise ConfigError(f"{path}：第 {_line_of(text, 'end')} 行的结束日期早于开始日期")
    info.schedule = _sessions(data.get("schedule", []), text, path)
    if info.schedule and not info.start:
        info.start = min(s.date for s in info.schedule)
        info.end = max(s.date for s in info.schedule)
    return info


def named_file(value: str, key: str, text: str, path: Path, folder: Path, start: int = 0) -> Path:
    """A file class.toml names, relative to its folder. It must stay inside the class folder (a
    class folder received from someone else must not print this computer's files): `..` or a
    symbolic link leading out is refused; an absolute path is the user's own choice, with a warning."""
    from docgen.report import warn

    named = Path(value)
    line = _line_of(text, key, start)
    if named.is_absolute():
        warn(f"{path}：第 {line} 行的 {key} 用了培训班文件夹以外的文件 {named}（绝对路径）")
        return named
    full = path.parent / named
    if not is_inside(full, folder):
        how = "是指向培训班文件夹以外的符号链接" if is_inside(full, folder, follow=False) else "指向培训班文件夹以外"
        raise ConfigError(f"{path}：第 {line} 行的 {key}（{value}）{how}，已拒绝；"
                          "请把文件放进 source/，或写成绝对路径")
    return full


def is_inside(path: Path, folder: Path, follow: bool = True) -> bool:
    """Is `path` inside `folder`? `follow`: after following symbolic links (else only `..` counts)."""
    import os

    try:
        target = path.resolve() if follow else Path(os.path.normpath(path.absolute()))
        return target.is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a symlink loop leads nowhere inside
        return False


def _class_folder(path: Path) -> Path:
    parent = path.resolve().parent
    return parent.parent if parent.name == "source" else parent


def _sessions(items, text: str, path: Path) -> list[Session]:
    if not isinstance(items, list):
        raise ConfigError(f"{path}：第 {_line_of(text, 'schedule')} 行的 schedule 应写成 [[schedule]] 表")
    sessions = []
    start = 0
    for n, item in enumerate(items, start=1):
        start = _table_line(text, n)
        if not isinstance(item, dict):
            raise ConfigError(f"{path}：第 {_line_of(text, 'schedule')} 行的 schedule 应写成 [[schedule]] 表，"
                              f"每次课一个（第 {n} 项是 {item!r}）")
        if "date" not in item:
            raise ConfigError(f"{path}：第 {start} 行的第 {n} 个 [[schedule]] 缺少 date（日期，如 2026-11-26）")
        session = Session(date=dt.date.min)
        for key, value in item.items():
            if key not in _SESSION_KEYS:
                line = _line_of(text, key, start)
                raise ConfigError(f"{path}：第 {line} 行的键 {key} 无法识别，可用的键：{'、'.join(_SESSION_KEYS)}")
            spec_name, kind = _SESSION_KEYS[key]
            setattr(session, key, _check(value, key, kind, spec_name, text, path, start))
        if session.period not in PERIODS:
            line = _line_of(text, "period", start)
            raise ConfigError(f"{path}：第 {line} 行的 period 应为 {'、'.join(PERIODS)} 之一")
        if isinstance(session.speech, str):
            session.speech = named_file(session.speech, "speech", text, path, _class_folder(path), start)
        sessions.append(session)
    return sessions


def _table_line(text: str, n: int) -> int:
    """The line of the n-th `[[schedule]]` header (0-based index into lines for searching)."""
    count = 0
    for i, line in enumerate(text.splitlines()):
        if line.strip() == "[[schedule]]":
            count += 1
            if count == n:
                return i + 1
    return 0
