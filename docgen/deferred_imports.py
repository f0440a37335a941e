"""Defer modules a library imports but docgen never uses.

python-pptx imports `xml.sax.saxutils` (only for `escape`), which imports `urllib.request` and with
it `http.client`, `email` and `ssl` (30-40 ms), and `PIL.Image` / `PIL.ImageFont` (about 20 ms),
used only for pictures and `fit_text`: docgen's decks and cards use neither. `defer(name)` puts a
stand-in module into `sys.modules`: an `import` statement gets the stand-in, and the first
attribute looked up or set on it imports the real module, which then replaces it everywhere the
import system looks. So a deferred module that turns out to be used still works; it only costs its
import then.

`importlib.util.LazyLoader` does not help here (checked on Python 3.11): the `import` statement
itself reads the lazy module's `__spec__`, and that first attribute access loads it at once.
"""

from __future__ import annotations

import sys
import types

PPTX_UNUSED = ("urllib.request", "PIL.Image", "PIL.ImageFont")
"""What python-pptx imports at import time and docgen's .pptx writers never use."""


class _Deferred(types.ModuleType):
    """Stands in for a module not imported yet; any attribute lookup or assignment imports it."""

    def __getattr__(self, attr: str):  # called only for attributes the stand-in lacks
        return getattr(_load(self), attr)

    def __setattr__(self, attr: str, value) -> None:
        setattr(_load(self), attr, value)

    def __delattr__(self, attr: str) -> None:
        delattr(_load(self), attr)


def _load(stand_in: _Deferred) -> types.ModuleType:
    import importlib

    name = types.ModuleType.__getattribute__(stand_in, "__name__")
    if sys.modules.get(name) is stand_in:
        del sys.modules[name]
    return importlib.import_module(name)  # also sets the real module on its parent package


def defer(*names: str) -> None:
    """Defer each module in `names` that is not imported yet (its parent package is imported now)."""
    for name in names:
        if name in sys.modules:
            continue
        parent, _, child = name.rpartition(".")
        if parent:
            try:
                __import__(parent)
            except ImportError:
                continue
        stand_in = _Deferred(name)
        sys.modules[name] = stand_in
        if parent:
            setattr(sys.modules[parent], child, stand_in)


def is_deferred(name: str) -> bool:
    """True while `name` is still a stand-in (nothing has used it yet)."""
    return isinstance(sys.modules.get(name), _Deferred)
