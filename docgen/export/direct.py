"""PDFs docgen draws itself, without LibreOffice: table cards and certificates.

They are mail merges, one page per attendee: for a 10,000-person class LibreOffice needs minutes
and gigabytes for them, this drawer seconds. Each file is drawn in its own process
(`python -m docgen.export.direct SOURCE TARGET`) while LibreOffice converts the other documents.
A file holding something the drawer does not draw exits with UNSUPPORTED and goes to LibreOffice.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docgen.errors import DocgenError
from docgen.export.pptx_pdf import Unsupported
from docgen.fsutil import atomic_path

UNSUPPORTED = 3


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
    source, target = map(Path, argv)
    try:
        missing = draw(source, target)
    except Unsupported as e:
        print(e, file=sys.stderr)
        return UNSUPPORTED
    except DocgenError as e:
        print(e, file=sys.stderr)
        return 1
    if missing:
        print("".join(missing))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
