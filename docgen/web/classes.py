"""Class folders of the workspace: server-chosen ids, owners, and class.toml written from the form.

A class is an ordinary class folder (source/, templates/, output/) named by its id, so the CLI
works on it too (`docgen build WORKSPACE/ID`). class.toml is written from the form's fields and
then read back by docgen.config.load_class: the CLI's validation and its Chinese messages.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import DocgenError

ID = re.compile(r"^c[0-9a-f]{16}$")
OWNER_FILE = ".docgen-web.json"
CLASS_FIELDS = ("name", "organiser", "co_organiser", "start", "end", "venue", "contact", "serial_prefix")
SESSION_FIELDS = ("date", "period", "title", "speaker", "speech")
DATE_FIELDS = {"start", "end", "date"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_SESSIONS = 40
MAX_FIELD = 200
MAX_CLASSES = 200
ROSTER_TYPES = (".xlsx", ".csv")


class NotFound(DocgenError):
    """No class of this id belongs to the session (or the id is not one the server makes)."""


@dataclass
class ClassFolder:
    id: str
    folder: Path

    @property
    def source(self) -> Path:
        return self.folder / "source"

    @property
    def output(self) -> Path:
        return self.folder / "output"

    @property
    def class_file(self) -> Path:
        return self.source / "class.toml"

    def speech_names(self) -> list[str]:
        """The speeches in source/ (the page's own speechN.md and any the CLI user put there)."""
        from docgen.build import SPEECH_SUFFIXES

        if not self.source.is_dir():
            return []
        return sorted(p.name for p in self.source.iterdir()
                      if p.is_file() and p.suffix.lower() in SPEECH_SUFFIXES
                      and p.stem.lower() not in ("roster", "readme") and not p.name.startswith((".", "~")))

    def speech_path(self, name: str) -> Path:
        """The speech of that name in source/ (compared with the listing, never joined from the URL)."""
        for listed in self.speech_names():
            if listed == name:
                return self.source / listed
        raise NotFound("找不到这篇讲话稿")

    def roster_name(self) -> str:
        for suffix in ROSTER_TYPES:
            if (self.source / f"roster{suffix}").is_file():
                return f"roster{suffix}"
        return ""


def create_class(workspace: Path, owner: str) -> ClassFolder:
    """A new empty class folder with a server-generated id, owned by `owner` (at most MAX_CLASSES each)."""
    if len(owned_classes(workspace, owner)) >= MAX_CLASSES:
        raise DocgenError(f"每位用户最多 {MAX_CLASSES} 个培训班，请先请管理员清理旧的培训班文件夹")
    class_id = "c" + secrets.token_hex(8)
    folder = workspace / class_id
    for sub in ("source", "templates", "output"):
        (folder / sub).mkdir(parents=True)
    (folder / OWNER_FILE).write_text(json.dumps({"owner": owner, "created": dt.datetime.now().isoformat()}),
                                     encoding="utf-8")
    return ClassFolder(class_id, folder)


def find_class(workspace: Path, class_id: str, owner: str) -> ClassFolder:
    """The class `class_id` if it exists and belongs to `owner`; NotFound otherwise (same message either way)."""
    if ID.match(class_id or ""):
        folder = workspace / class_id
        if _owner(folder) == owner:
            return ClassFolder(class_id, folder)
    raise NotFound("找不到这个培训班（链接有误，或它属于另一位用户）")


def owned_classes(workspace: Path, owner: str) -> list[ClassFolder]:
    found = [ClassFolder(p.name, p) for p in workspace.iterdir() if ID.match(p.name) and _owner(p) == owner]
    return sorted(found, key=lambda c: c.folder.stat().st_mtime, reverse=True)


def _owner(folder: Path) -> str | None:
    try:
        return json.loads((folder / OWNER_FILE).read_text(encoding="utf-8")).get("owner")
    except (OSError, ValueError, AttributeError):
        return None


def form_from_info(info) -> dict:
    """The form's values for a loaded ClassInfo (dates as 2026-11-26, file names relative to source/)."""
    values = {key: _text(getattr(info, key)) for key in CLASS_FIELDS}
    values["roster"] = info.roster.name if info.roster else ""
    values["schedule"] = [{"date": _text(s.date), "period": s.period, "title": s.title, "speaker": s.speaker,
                           "speech": s.speech.name if s.speech else ""} for s in info.schedule]
    return values


def _text(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else (value or "")


def form_from_post(form, roster: str, speeches: list[str]) -> dict:
    """The form's values from a submitted form; schedule rows without a date and title are dropped."""
    values = {key: _field(form.get(key)) for key in CLASS_FIELDS}
    values["roster"] = roster
    rows = []
    for i in range(MAX_SESSIONS):
        row = {key: _field(form.get(f"s{i}_{key}")) for key in SESSION_FIELDS}
        if row["speech"] not in speeches:
            row["speech"] = ""  # only a file the server stored may be named
        if row["date"] or row["title"] or row["speaker"]:
            rows.append(row)
    values["schedule"] = rows
    return values


def _field(value) -> str:
    return str(value or "").strip()[:MAX_FIELD] if isinstance(value, (str, type(None))) else ""


def class_toml(values: dict) -> str:
    """class.toml for the form's values. A date that is not written 2026-11-26 is written as text,
    so docgen.config rejects it with the CLI's message (应为日期，写成 2026-11-26…)."""
    return "\n".join(line for line, _ in _toml_lines(values)) + "\n"


def field_at_line(values: dict, message: str) -> str:
    """The form field written on the line a docgen.config message names (`第 4 行` → `end`, `s0_date`)."""
    m = re.search(r"第 (\d+) 行", message)
    lines = _toml_lines(values)
    return lines[int(m.group(1)) - 1][1] if m and 0 < int(m.group(1)) <= len(lines) else ""


def _toml_lines(values: dict) -> list[tuple[str, str]]:
    """Each line of class.toml with the form field it holds ("" for comments and headers)."""
    lines = [("# 由 docgen serve 的网页写入；也可以直接编辑，docgen build 读取同一文件。", "")]
    lines += [(_pair(key, values[key]), key) for key in (*CLASS_FIELDS, "roster") if values.get(key)]
    for i, row in enumerate(values.get("schedule", [])):
        lines += [("", ""), ("[[schedule]]", f"s{i}_date")]
        lines += [(_pair(key, row[key]), f"s{i}_{key}") for key in SESSION_FIELDS if row.get(key)]
    return lines


def _pair(key: str, value: str) -> str:
    if key in DATE_FIELDS and ISO_DATE.match(value):
        return f"{key} = {value}"
    return f"{key} = {_toml_string(value)}"


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", escaped)
    return f'"{escaped}"'


def save_class(cf: ClassFolder, values: dict):
    """Write class.toml for `values` if docgen.config accepts it; the old file stays otherwise."""
    from docgen.config import load_class
    from docgen.fsutil import atomic_path

    with atomic_path(cf.class_file) as tmp:
        tmp.write_text(class_toml(values), encoding="utf-8")
        try:
            info = load_class(tmp)
        except DocgenError as e:
            raise type(e)(str(e).replace(str(tmp), str(cf.class_file))) from None
    return info


def load_info(cf: ClassFolder):
    """The class's ClassInfo, or None before the form was first saved."""
    from docgen.config import load_class

    return load_class(cf.class_file) if cf.class_file.exists() else None


def user_message(error: Exception, cf: ClassFolder | None, workspace: Path) -> str:
    """The CLI's one-line message, with paths as the CLI shows them run from the class folder
    (source/class.toml), never the server's own folders."""
    text = str(error)
    if cf is not None:
        text = text.replace(str(cf.folder) + "/", "")
    return text.replace(str(workspace) + "/", "")
