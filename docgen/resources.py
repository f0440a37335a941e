"""Templates: one search path, one sandboxed Jinja2 environment, reference files by name.

Search order, first hit wins: an explicit `--templates DIR`, the class folder's
`templates/`, then the defaults packaged in `docgen/templates/` (works from a wheel).
"""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Iterator
from functools import cached_property
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

from docgen.errors import TemplateError

PACKAGE_TEMPLATES = "templates"


def packaged_templates():
    """The Traversable of the packaged default templates."""
    return importlib_resources.files("docgen") / PACKAGE_TEMPLATES


class Templates:
    """The template search path of one run."""

    def __init__(self, explicit: str | Path | None = None, class_folder: str | Path | None = None):
        dirs: list[Path] = []
        if explicit is not None:
            explicit = Path(explicit)
            if not explicit.is_dir():
                raise TemplateError(f"{explicit}：模板目录不存在")
            dirs.append(explicit)
        if class_folder is not None and (Path(class_folder) / "templates").is_dir():
            dirs.append(Path(class_folder) / "templates")
        self.user_dirs = dirs
        self._compiled: dict[str, Any] = {}  # string of a TOML template -> its compiled Jinja template

    # -- lookup -------------------------------------------------------------

    def find(self, name: str) -> Path | None:
        """The user's override of `name`, or None when the packaged default applies."""
        for d in self.user_dirs:
            candidate = d / name
            if candidate.is_file():
                from docgen.fsutil import note_input

                _refuse_outside(candidate, d)
                note_input(candidate)
                return candidate
        return None

    def which(self, name: str) -> str:
        """Where `name` comes from, for `docgen templates which` and messages."""
        found = self.find(name)
        if found:
            return str(found)
        default = packaged_templates() / name
        if not default.is_file():
            raise TemplateError(f"找不到模板 {name}")
        return f"(内置) {name}"

    @contextlib.contextmanager
    def path(self, name: str) -> Iterator[Path]:
        """A real file path for reference files (.pptx/.docx): the override or the default."""
        found = self.find(name)
        if found:
            if found.suffix.lower() in (".docx", ".pptx", ".potx", ".dotx", ".xlsx"):
                from docgen.readers.package import check_package

                check_package(found, "模板")
            yield found
            return
        default = packaged_templates() / name
        if not default.is_file():
            raise TemplateError(f"找不到模板文件 {name}")
        with importlib_resources.as_file(default) as p:
            yield p

    def read_bytes(self, name: str) -> bytes:
        with self.path(name) as p:
            return p.read_bytes()

    # -- Jinja --------------------------------------------------------------

    @cached_property
    def env(self):
        """The sandboxed, strict Jinja2 environment every writer renders its wording with."""
        import jinja2

        from docgen.sandbox import sandbox

        loaders: list[jinja2.BaseLoader] = [_inside_loader(self.user_dirs)]
        loaders.append(_PackagedLoader())
        env = sandbox(
            loader=jinja2.ChoiceLoader(loaders),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            autoescape=False,
        )
        env.filters["cn_date"] = _cn_date
        return env

    def render(self, name: str, /, **context: Any) -> str:
        """Render template `name` with `context`; any failure is a `TemplateError` naming file and line."""
        from docgen.sandbox import render_limited

        return self._guarded(name, "", lambda: render_limited(self.env.get_template(name), context))

    def render_toml(self, name: str, /, **context: Any) -> dict:
        """A `.toml` template of wording (labels, items, instructions) with `context` filled in, as data.

        The template is parsed as TOML first and then each string in it is rendered with the values,
        so no value (a class name with `"`, a venue with `\\`, a newline) can change its structure.
        A template whose Jinja builds the TOML itself (a `{% for %}` making the items of an array)
        is not TOML before rendering: it is rendered whole with each value replaced by a marker that
        TOML leaves alone, parsed, and the markers replaced by the values."""
        from docgen.config import tomllib

        source = self._source(name)
        try:
            data = tomllib.loads(source)
        except tomllib.TOMLDecodeError:
            return self._render_toml_whole(name, context)
        return _map_strings(data, lambda text, key: self._render_string(name, key, text, context))

    def _source(self, name: str) -> str:
        import jinja2

        try:
            source, _, _ = self.env.loader.get_source(self.env, name)
        except jinja2.TemplateNotFound:
            raise TemplateError(f"找不到模板 {name}") from None
        return source

    def _render_string(self, name: str, key: str, text: str, context: dict) -> str:
        from docgen.sandbox import render_limited

        if "{" not in text:
            return text
        template = self._compiled.get(text)
        if template is None:
            template = self._compiled[text] = self._guarded(name, key, lambda: self.env.from_string(text))
        return self._guarded(name, key, lambda: render_limited(template, context))

    def _render_toml_whole(self, name: str, context: dict) -> dict:
        from docgen.config import tomllib

        import secrets

        values: list[str] = []
        nonce = secrets.token_hex(4)  # so that no value can spell a marker
        text = self.render(name, **_markers(context, values, nonce))
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            raise TemplateError(f"模板 {self.which(name)} 渲染后不是合法的 TOML：{toml_reason(e)}") from None
        marker = re.compile(f"\ue000{nonce}:(\\d+)\ue001")
        return _map_strings(data, lambda s, _: marker.sub(lambda m: values[int(m.group(1))], s))

    def _guarded(self, name: str, key: str, step):
        """Run a Jinja step of template `name` (of its string at `key`, when given); a failure is one
        `TemplateError` naming the file and the line or key."""
        import jinja2
        from jinja2.exceptions import SecurityError

        from docgen.sandbox import TemplateLimit

        def where(e: Exception) -> str:
            return f"{self.which(name)} 中 {key} 的值" if key else _template_location(e, self.which(name))

        try:
            return step()
        except jinja2.TemplateNotFound as e:
            raise TemplateError(f"找不到模板 {e.name or name}") from None
        except jinja2.TemplateSyntaxError as e:
            if key:
                raise TemplateError(f"模板 {where(e)}有 Jinja 语法错误：{jinja_reason(e)}") from None
            raise TemplateError(f"模板 {e.filename or name} 第 {e.lineno} 行语法错误：{JINJA_HINT}") from None
        except jinja2.UndefinedError as e:
            raise TemplateError(f"模板 {where(e)} 使用了未定义的变量：{_undefined_name(e)}") from None
        except TemplateLimit as e:
            raise TemplateError(f"模板 {where(e)}：{e}，已停止") from None
        except SecurityError as e:
            raise TemplateError(f"模板 {where(e)} 试图访问不安全的内容（Python 内部对象），已拒绝") from None
        except RecursionError as e:
            raise TemplateError(f"模板 {where(e)} 嵌套太深（可能包含或调用了自己），已停止") from None
        except jinja2.TemplateError as e:
            raise TemplateError(f"模板 {where(e)} 无法渲染：{jinja_reason(e)}") from None
        except (ArithmeticError, MemoryError, ValueError, TypeError, LookupError) as e:
            raise TemplateError(f"模板 {where(e)} 计算出错（{_calculation_reason(e)}），请检查其中的表达式") from None

    # -- export -------------------------------------------------------------

    @staticmethod
    def list_defaults() -> list[str]:
        """Relative names of every packaged default template."""
        with importlib_resources.as_file(packaged_templates()) as src:
            return sorted(str(f.relative_to(src)) for f in Path(src).rglob("*")
                          if f.is_file() and "__pycache__" not in f.parts)

    @staticmethod
    def export(dest: str | Path) -> list[Path]:
        """Copy every packaged default into `dest` for editing; returns the files written."""
        dest = Path(dest)
        written: list[Path] = []
        with importlib_resources.as_file(packaged_templates()) as src:
            for f in sorted(Path(src).rglob("*")):
                if f.is_file() and "__pycache__" not in f.parts:
                    target = dest / f.relative_to(src)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(f, target)
                    written.append(target)
        return written


class _PackagedLoader:
    """Loads packaged defaults through importlib.resources (works inside a wheel or zip)."""

    def __new__(cls):
        import jinja2

        class Loader(jinja2.BaseLoader):
            def get_source(self, environment, template):
                f = packaged_templates().joinpath(*template.split("/"))
                if not f.is_file():
                    raise jinja2.TemplateNotFound(template)
                source = f.read_text(encoding="utf-8")
                return source, f"(内置) {template}", lambda: True

        return Loader()


def _markers(value, values: list[str], nonce: str):
    """`value` with every non-empty string replaced by a marker `values` resolves (empty stays empty,
    so `{% if venue %}` still works)."""
    if isinstance(value, str):
        if not value:
            return value
        values.append(value)
        return f"\ue000{nonce}:{len(values) - 1}\ue001"
    if isinstance(value, dict):
        return {k: _markers(v, values, nonce) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_markers(v, values, nonce) for v in value]
    return value


def _map_strings(data, render, key: str = ""):
    """`data` (parsed TOML) with every string `s` at dotted `key` replaced by `render(s, key)`."""
    if isinstance(data, str):
        return render(data, key)
    if isinstance(data, dict):
        return {k: _map_strings(v, render, f"{key}.{k}" if key else k) for k, v in data.items()}
    if isinstance(data, list):
        return [_map_strings(v, render, f"{key}[{i}]") for i, v in enumerate(data)]
    return data


def toml_reason(e: Exception) -> str:
    """tomllib's message in Chinese: `第 N 行第 M 列` and what it expected."""
    m = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
    where = f"第 {m.group(1)} 行第 {m.group(2)} 列" if m else ""
    return "，".join(filter(None, [where, "格式不对（引号、括号或逗号不配对，或缺少 = ）"]))


JINJA_HINT = "请检查 {{ }}、{% %} 是否配对，变量名和过滤器是否写对"


def jinja_reason(e: Exception) -> str:
    """A Jinja error in Chinese, with the line when it has one."""
    import jinja2

    if isinstance(e, jinja2.UndefinedError):
        return f"使用了未定义的变量 {_undefined_name(e)}"
    if isinstance(e, jinja2.exceptions.SecurityError):
        return str(e) if str(e).startswith("模板") else "试图访问不安全的内容，已拒绝"
    line = getattr(e, "lineno", None)
    return f"第 {line} 行，{JINJA_HINT}" if line else JINJA_HINT


def _refuse_outside(path: Path, folder: Path) -> None:
    """A template that is a symbolic link out of its templates folder is refused (it could print any file)."""
    from docgen.config import is_inside

    if not is_inside(path, folder):
        raise TemplateError(f"{path}：模板是指向模板文件夹以外的符号链接，已拒绝；请把模板文件本身放进 {folder}")


def _inside_loader(dirs: list[Path]):
    """Jinja's file loader for the user's template folders, refusing symbolic links out of them."""
    import jinja2

    class Loader(jinja2.FileSystemLoader):
        def get_source(self, environment, template):
            try:
                source, filename, uptodate = super().get_source(environment, template)
            except UnicodeDecodeError:
                where = next((d / template for d in dirs if (d / template).is_file()), template)
                raise TemplateError(f"模板 {where}：不是 UTF-8 编码的文本，请用记事本等另存为 UTF-8") from None
            folder = next((d for d in dirs if Path(filename).is_relative_to(d)), dirs[0] if dirs else Path("."))
            _refuse_outside(Path(filename), folder)
            return source, filename, uptodate

    return Loader([str(d) for d in dirs])


def _calculation_reason(e: Exception) -> str:
    if isinstance(e, ZeroDivisionError):
        return "除以零"
    if isinstance(e, (OverflowError, MemoryError)):
        return "数字或文字太大"
    if isinstance(e, TypeError):
        return "类型不匹配，如文字与数字相加"
    if isinstance(e, LookupError):
        return "没有这一项"
    return "数值无效"


def _template_location(e: Exception, fallback: str) -> str:
    """`file 第 N 行` from the traceback frames Jinja maps back to the template source."""
    import traceback

    for frame in reversed(traceback.extract_tb(e.__traceback__)):
        name = frame.filename or ""
        if name.endswith((".j2", ".toml", ".txt", ".md")) or name.startswith("(内置)"):
            return f"{name} 第 {frame.lineno} 行"
    return fallback


def _undefined_name(e: Exception) -> str:
    """The name Jinja could not find: `x` of `'x' is undefined`, `foo` of `… has no attribute 'foo'`."""
    quoted = re.findall(r"'([^']*)'", str(e))
    return quoted[-1] if quoted else "（未知）"


def _cn_date(value) -> str:
    from docgen.config import format_date

    return format_date(value) if value else ""
