"""The Jinja sandbox every template runs in, with limits on the work a template can ask for.

Jinja's sandbox refuses Python internals and bounds `range`, but `{{ 'a' * 10**9 }}`,
`{{ 10**(10**9) }}`, a string doubled twenty times with `~`, `'x'|center(10**9)` or a template
that includes itself would still take all memory or never end. Here every operator that can
grow a value checks the size of its result first, filters refuse absurd numbers, output is
counted as it is produced, and recursion ends in a `TemplateLimit`.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from jinja2.exceptions import SecurityError

MAX_TEXT = 1_000_000
"""Characters of any string a template makes, and of a template's whole output."""
MAX_NUMBER = 1_000_000
"""Largest number a filter or method takes (a width, a count) and largest power exponent."""
_WIDE_FORMAT = re.compile(r"%[-+ #0]*\d{7,}|\{[^{}]*:[^{}]*\d{7,}[^{}]*\}")
"""A format with a width of millions (`%999999999d`, `{:>999999999}`)."""


class TemplateLimit(SecurityError):
    """A template asked for more than the limits allow; the message is Chinese."""


def check_text(size: int) -> None:
    if size > MAX_TEXT:
        raise TemplateLimit(f"模板生成的文字超过 {MAX_TEXT} 个字符（上限）")


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else 0


def _check_number(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER:
        raise TemplateLimit(f"模板中的数字 {value if abs(value) < 10**30 else '（极大）'} 超过上限 {MAX_NUMBER}")


def _check_format(value: Any) -> None:
    if isinstance(value, str) and _WIDE_FORMAT.search(value):
        raise TemplateLimit(f"模板中的格式宽度超过上限 {MAX_NUMBER}")


def _binop_result_size(operator: str, left: Any, right: Any) -> None:
    if operator == "**":
        if isinstance(left, int) and isinstance(right, int) and right > 0 and left.bit_length() * right > 4096:
            raise TemplateLimit("模板中的乘方太大（结果超过 4096 位二进制数）")
    elif operator == "*":
        for seq, count in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and isinstance(count, int):
                check_text(len(seq) * max(count, 0))
        if isinstance(left, int) and isinstance(right, int):
            if left.bit_length() + right.bit_length() > 4096:
                raise TemplateLimit("模板中的乘积太大")
    elif operator == "+":
        check_text(_size(left) + _size(right))
    elif operator == "%":
        _check_format(left)


def sandbox(**options):
    """An immutable sandboxed Jinja environment with docgen's limits."""
    from jinja2.compiler import CodeGenerator
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Generator(CodeGenerator):
        def visit_Concat(self, node, frame):  # `a ~ b`: joined by the environment, which checks the size
            self.write("environment.limited_join((")
            for arg in node.nodes:
                self.visit(arg, frame)
                self.write(", ")
            self.write("))")

    class Limited(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset(["*", "**", "+", "%"])
        code_generator_class = Generator

        def call_binop(self, context, operator, left, right):
            _binop_result_size(operator, left, right)
            return super().call_binop(context, operator, left, right)

        def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature
            for value in (*args, *kwargs.values()):
                _check_number(value)
            result = super().call(__context, __obj, *args, **kwargs)
            check_text(_size(result))
            return result

        def wrap_str_format(self, value):  # `'{:>9}'.format(x)`: the format string is checked first
            wrapped = super().wrap_str_format(value)
            if wrapped is not None:
                _check_format(getattr(value, "__self__", None))
            return wrapped

        @staticmethod
        def limited_join(parts) -> str:
            texts = [str(p) for p in parts]
            check_text(sum(map(len, texts)))
            return "".join(texts)

    env = Limited(**options)
    env.filters = {name: _limited_filter(f, name) for name, f in env.filters.items()}
    return env


def _limited_filter(f, name: str):
    """A filter that refuses absurd numbers (`center(10**9)`) and results over the text limit."""

    @functools.wraps(f)
    def limited(*args, **kwargs):
        for value in (*args, *kwargs.values()):
            _check_number(value)
        if name == "format":
            _check_format(next((a for a in args if isinstance(a, str)), None))
        result = f(*args, **kwargs)
        if isinstance(result, str):
            check_text(len(result))
        return result

    return limited


def render_limited(template, context: dict) -> str:
    """`template.render(**context)`, stopped once its output passes the text limit."""
    parts, size = [], 0
    for chunk in template.generate(**context):
        size += len(chunk)
        check_text(size)
        parts.append(chunk)
    return "".join(parts)
