"""Warnings the library reports without stopping (like pandoc's `report`).

The library calls `warn()`; the CLI decides how to show them (stderr, `警告：…`).
"""

from __future__ import annotations

import logging

logger = logging.getLogger("docgen")


def warn(message: str) -> None:
    """Report a problem that does not stop the work (a numbering gap, a missing layout …)."""
    logger.warning(message)
