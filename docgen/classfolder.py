"""`docgen init`: a new class folder with the sample speech, a commented class.toml and a roster."""

from __future__ import annotations

from importlib import resources as importlib_resources
from pathlib import Path

from docgen.errors import ConfigError
from docgen.fsutil import write_text_atomic

SAMPLE_FILES = ("speech.txt", "class.toml", "roster.csv")
TEMPLATES_README = """这里放本培训班自己的模板，文件名与内置模板相同即可覆盖内置模板。
用 docgen templates export templates/ 导出全部内置模板，只保留要改的文件。
"""


def init_class(folder: str | Path, force: bool = False) -> list[Path]:
    """Create `folder/source/` (sample speech, class.toml, roster), `templates/` and `output/`."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"{folder}：已存在同名文件，无法新建培训班文件夹")
    source = folder / "source"
    if (source / "class.toml").exists() and not force:
        raise ConfigError(f"{source / 'class.toml'}：培训班文件夹已存在，加 --force 覆盖示例文件")
    written = []
    sample = importlib_resources.files("docgen") / "sample"
    for name in SAMPLE_FILES:
        item = sample / name
        if item.is_file():
            write_text_atomic(source / name, item.read_text(encoding="utf-8"))
            written.append(source / name)
    if not (folder / "templates" / "README.txt").exists():
        write_text_atomic(folder / "templates" / "README.txt", TEMPLATES_README)
        written.append(folder / "templates" / "README.txt")
    (folder / "output").mkdir(parents=True, exist_ok=True)
    return written
