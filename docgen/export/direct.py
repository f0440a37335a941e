"""PDFs docgen draws itself, without LibreOffice: sign-in sheets, table cards and certificates.

They grow with the roster, a page per attendee or per 15 of them: for a 10,000-person class
LibreOffice needs minutes and gigabytes for them, this drawer seconds. `docgen.export.pdf` runs
`python -m docgen.export.direct SOURCE TARGET …` for each while LibreOffice converts the other
documents. A file holding something the drawer does not draw goes to LibreOffice.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from docgen.errors import DocgenError
from docgen.export.ooxml import Unsupported
from docgen.fsutil import atomic_path

def draw(source: Path, target: Path) -> list[str]:
    """Draw `source` (.pptx of text boxes, or .docx of plain paragraphs) into `target`; returns the
    characters no installed font had. Raises `Unsupported` for anything else."""
    from docgen.export import fontfiles

    if not fontfiles.available():
        raise Unsupported("fontconfig (fc-match) missing")
    with atomic_path(Path(target)) as tmp:
        if Path(source).suffix.lower() == ".pptx":
            from docgen.export.pptx_pdf import draw_pptx

            return draw_pptx(Path(source), tmp)
        from docgen.export.docx_pdf import draw_docx

        return draw_docx(Path(source), tmp)


def main(argv: list[str]) -> int:
    """Draw SOURCE TARGET pairs one after the other; one JSON line per file on stdout."""
    for source, target in zip(argv[::2], argv[1::2]):
        print(json.dumps(_draw_one(Path(source), Path(target)), ensure_ascii=False), flush=True)
    return 0


def _draw_one(source: Path, target: Path) -> dict:
    try:
        return {"status": "ok", "missing": "".join(draw(source, target))}
    except Unsupported as e:
        return {"status": "unsupported", "message": str(e)}
    except DocgenError as e:
        return {"status": "error", "message": str(e)}
    except Exception as e:  # noqa: BLE001 - a file the drawer trips over still gets its PDF, from LibreOffice
        return {"status": "unsupported", "message": f"{type(e).__name__}: {e}"}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
