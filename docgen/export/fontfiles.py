"""Font files for the PDFs docgen draws itself, found the way LibreOffice finds them: through fontconfig.

`fc-match "黑体:lang=zh-cn"` gives the file LibreOffice would print with (docgen's aliases in
fonts/docgen-fonts.conf map the office names to free stand-ins), so a page drawn directly and a
page converted by LibreOffice use the same glyphs.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class FontFile:
    path: str
    index: int  # the face inside a .ttc/.otc collection
    family: str
    embolden: bool  # fontconfig found no bold face: bold is to be imitated, as LibreOffice does


def available() -> bool:
    """Whether fonts can be resolved here (fontconfig's fc-match is on PATH)."""
    return shutil.which("fc-match") is not None


@lru_cache(maxsize=None)
def resolve(family: str, bold: bool = False) -> FontFile | None:
    """The file fontconfig picks for `family` (Chinese text), or None when fc-match fails."""
    pattern = f"{family}:lang=zh-cn" + (":weight=bold" if bold else "")
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}\t%{index}\t%{family[0]}\t%{embolden}", pattern],
                             capture_output=True, text=True, timeout=10, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path, index, found, embolden = (out.split("\t") + ["", "", "", ""])[:4]
    if not path or not path.lower().endswith((".ttf", ".ttc", ".otf", ".otc")):
        return None
    return FontFile(path, int(index or 0), found, embolden.strip().lower() == "true")
