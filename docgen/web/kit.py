"""The kit page's files: what output/ holds (the same files the CLI writes), a zip of them, previews."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from docgen.web.classes import ClassFolder, NotFound
from docgen.web.worker import preview_path

DOCUMENT_TYPES = (".docx", ".pptx", ".pdf")


def documents(cf: ClassFolder) -> list[Path]:
    """The documents in output/, office files first, each followed by its PDF."""
    if not cf.output.is_dir():
        return []
    found = [p for p in cf.output.iterdir()
             if p.is_file() and p.suffix.lower() in DOCUMENT_TYPES and not p.name.startswith((".", "~"))]
    return sorted(found, key=lambda p: (p.stem, p.suffix.lower() == ".pdf"))


def document(cf: ClassFolder, name: str) -> Path:
    """The document of that name in output/: the user's string is only compared, never joined to a path."""
    for p in documents(cf):
        if p.name == name:
            return p
    raise NotFound("找不到这个文件（可能已被重新生成的材料替换，请刷新页面）")


def preview(cf: ClassFolder, name: str) -> Path:
    path = preview_path(cf.output, document(cf, name).name)
    if not path.is_file():
        raise NotFound("这个文件还没有预览图")
    return path


def rows(cf: ClassFolder) -> list[dict]:
    return [{"name": p.name, "size": f"{p.stat().st_size / 1024:.0f} KB", "pdf": p.suffix.lower() == ".pdf",
             "preview": preview_path(cf.output, p.name).is_file()} for p in documents(cf)]


def remove_old_files(folder: Path, age: float) -> None:
    """Temporary files older than `age` seconds (a zip whose download was cut off, say)."""
    import time

    if folder.is_dir():
        for p in folder.iterdir():
            if p.is_file() and time.time() - p.stat().st_mtime > age:
                p.unlink(missing_ok=True)


def cards(cf: ClassFolder) -> list[dict]:
    """The kit page's cards: one per document, its PDF beside it, the preview of its first page."""
    out: dict[str, dict] = {}
    for row in rows(cf):
        card = out.setdefault(Path(row["name"]).stem, {"files": [], "preview": ""})
        card["files"].append(row)
        if row["preview"] and not row["pdf"]:
            card["preview"] = row["name"]
    return list(out.values())


def make_zip(cf: ClassFolder, tmp_dir: Path) -> Path:
    """Every document in one zip, in a temporary file the response deletes when sent."""
    files = documents(cf)
    if not files:
        raise NotFound("还没有生成任何材料")
    tmp_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(suffix=".zip", dir=tmp_dir, delete=False) as f:
        with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as z:
            for p in files:
                z.write(p, p.name)
    return Path(f.name)
