"""The library's warnings (`docgen.report.warn`, logger "docgen") caught for the page instead of stderr."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator


class Sink(logging.Handler):
    """Hands each warning to `receive`; with `thread`, only those of that thread (requests run side by side)."""

    def __init__(self, receive: Callable[[str], None], thread: int | None = None):
        super().__init__(logging.WARNING)
        self.receive = receive
        self.thread = thread

    def emit(self, record: logging.LogRecord) -> None:
        if self.thread is None or record.thread == self.thread:
            self.receive(record.getMessage())


@contextlib.contextmanager
def warnings_here() -> Iterator[list[str]]:
    """The warnings the current thread's calls give inside the block."""
    messages: list[str] = []
    logger = logging.getLogger("docgen")
    sink = Sink(messages.append, threading.get_ident())
    logger.addHandler(sink)
    try:
        yield messages
    finally:
        logger.removeHandler(sink)
