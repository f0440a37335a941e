"""`docgen init`: a new class folder with the sample speech, a commented class.toml and a roster."""

from __future__ import annotations

import os
from importlib import resources as importlib_resources
from pathlib import Path

from docgen.errors import ConfigError
from docgen.fsutil import write_text_atomic

SAMPLE_FILES = ("speech.txt", "class.toml", "roster.csv")
TEMPLATES_README = """这里放本培训班自己的模板，文件名与内置模板相同即可覆盖内置模板。
用 docgen templates export templates/ 导出全部内置模板，只保留要改的文件。
"""


def init_class(folder: str | Path, force: bool = False) -> list[Path]:
    """Create `folder/source/` (sample speech, class.toml, roster), `templates/` and `output/`.
    A file already there is the user's and is never replaced (a warning names it); an existing
    class.toml stops it unless `force` asks to fill in what is missing."""
    from docgen.report import warn

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"{folder}：已存在同名文件，无法新建培训班文件夹")
    source = folder / "source"
    if (source / "class.toml").exists() and not force:
        raise ConfigError(f"{source / 'class.toml'}：培训班文件夹已存在；加 --force 可补齐缺少的示例文件（已有的文件不会被覆盖）")
    sample = importlib_resources.files("docgen") / "sample"
    files = [(source / name, (sample / name).read_text(encoding="utf-8")) for name in SAMPLE_FILES
             if (sample / name).is_file()]
    files.append((folder / "templates" / "README.txt", TEMPLATES_README))
    written, kept = [], []
    for path, text in files:
        if os.path.lexists(path):
            kept.append(path)
            continue
        write_text_atomic(path, text)
        written.append(path)
    user_files = [p for p in kept if p.name != "README.txt"]
    if user_files:
        warn(f"已有的文件保留不动，没有用示例覆盖：{'、'.join(str(p) for p in user_files)}")
    (folder / "output").mkdir(parents=True, exist_ok=True)
    return written
