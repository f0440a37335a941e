"""What the PDF drawers share about reading Office Open XML."""

from __future__ import annotations


class Unsupported(Exception):
    """The file holds something docgen's drawers do not draw; LibreOffice must convert it."""


def local_name(el) -> str:
    """An element's tag without its namespace: `w:p` → `p`."""
    return el.tag.rsplit("}", 1)[-1]
