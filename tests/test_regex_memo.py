"""The analysis modules compile their patterns with a memo of `re`'s character-set optimiser:
the compiled code must be exactly what `re` makes without it."""

import importlib
import pkgutil
import re
import sys

import pytest

import docgen.analysis
import docgen.quiz
import docgen.readers

_compiler = pytest.importorskip("re._compiler") if sys.version_info >= (3, 11) else None


def _docgen_patterns() -> list[re.Pattern]:
    patterns = []
    for package in (docgen.analysis, docgen.quiz, docgen.readers):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            patterns += [v for v in vars(module).values() if isinstance(v, re.Pattern)]
    return patterns


@pytest.mark.skipif(sys.version_info < (3, 11), reason="installed on CPython 3.11+ only")
def test_the_memo_is_installed_and_changes_no_compiled_pattern(monkeypatch):
    memo = _compiler._optimize_charset
    assert getattr(memo, "docgen_memo", False)
    patterns = _docgen_patterns()
    assert len(patterns) > 40

    def code(p):
        return _compiler._code(re._parser.parse(p.pattern, p.flags), p.flags)

    with_memo = [code(p) for p in patterns]
    monkeypatch.setattr(_compiler, "_optimize_charset", memo.original)
    assert [code(p) for p in patterns] == with_memo
    case_blind = re.compile("[\u4e00-\u9fffa-z]+", re.IGNORECASE)  # IGNORECASE sets pass through
    assert case_blind.fullmatch("讲话ABC")


@pytest.mark.skipif(sys.version_info < (3, 11), reason="installed on CPython 3.11+ only")
def test_a_cjk_class_is_optimised_once():
    from docgen.analysis import regex_memo

    calls = []
    original = _compiler._optimize_charset.original

    def counting(charset, iscased=None, fixup=None, fixes=None):
        calls.append(charset)
        return original(charset, iscased, fixup, fixes)

    memo = _compiler._optimize_charset
    _compiler._optimize_charset = counting
    try:
        regex_memo.install()
        cls = "[\u4e00-\u9fff]"
        re.compile(f"x{cls}y{cls}z")
        re.compile(f"{cls}{{2,4}}q")
    finally:
        _compiler._optimize_charset = memo
    assert len(calls) == 1
