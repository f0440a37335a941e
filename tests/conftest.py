import logging

import pytest


@pytest.fixture(autouse=True)
def _docgen_logger_propagates():
    """Let caplog see docgen warnings even after a CLI run detached the logger."""
    logger = logging.getLogger("docgen")
    logger.propagate = True
    logger.handlers[:] = []
    yield
