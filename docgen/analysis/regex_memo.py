"""Compile the analysis modules' Chinese regular expressions faster: remember optimised character sets.

For every `[\u4e00-\u9fff]` in a pattern, `re` walks the 20,992 code points of the range in Python
(`re._compiler._optimize_charset`): 8-18 million instructions, 3-6 ms, each time. The analysis
modules hold about fifteen such classes, compiled at import in the process that reads a speech
and again in each build lane that plans slides. The function is pure (its result depends only on
its arguments), so remembering it changes no compiled pattern, only how often the same character
set is optimised: the second `[\u4e00-\u9fff]` costs nothing. Installed only where the private
function has the signature known from CPython 3.11-3.13; elsewhere `re` is left as it is.
"""

from __future__ import annotations

_SIGNATURE = ("charset", "iscased", "fixup", "fixes")


def install() -> bool:
    """Remember `_optimize_charset` results in this process (once); False where not applicable."""
    try:
        from re import _compiler
    except ImportError:  # Python 3.10: sre_compile, left alone
        return False
    original = getattr(_compiler, "_optimize_charset", None)
    if getattr(original, "docgen_memo", False):
        return True
    if original is None or original.__code__.co_varnames[:4] != _SIGNATURE:
        return False
    memo: dict[tuple, tuple[list, bool]] = {}

    def optimize_charset(charset, iscased=None, fixup=None, fixes=None):
        if fixup is not None:  # IGNORECASE: case tables in the arguments; rare, not remembered
            return original(charset, iscased, fixup, fixes)
        key = (tuple(charset), iscased)
        if key not in memo:
            memo[key] = original(charset, iscased)
        out, hascased = memo[key]
        return list(out), hascased

    optimize_charset.docgen_memo = True
    optimize_charset.original = original
    _compiler._optimize_charset = optimize_charset
    return True
