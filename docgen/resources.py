"""Templates: one search path, one sandboxed Jinja2 environment, reference files by name.

Search order, first hit wins: an explicit `--templates DIR`, the class folder's
`templates/`, then the defaults packaged in `docgen/templates/` (works from a wheel).
"""

from __future__ import annotations

import contextlib
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

    # -- lookup -------------------------------------------------------------

    def find(self, name: str) -> Path | None:
        """The user's override of `name`, or None when the packaged default applies."""
        for d in self.user_dirs:
            candidate = d / name
            if candidate.is_file():
                from docgen.fsutil import note_input

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
        from jinja2.sandbox import ImmutableSandboxedEnvironment

        loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader([str(d) for d in self.user_dirs])]
        loaders.append(_PackagedLoader())
        env = ImmutableSandboxedEnvironment(
            loader=jinja2.ChoiceLoader(loaders),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            autoescape=False,
        )
        env.filters["cn_date"] = _cn_date
        return env

    def render(self, name: str, /, **context: Any) -> str:
        """Render template `name` with `context`; any failure is a `TemplateError` naming file and line."""
        import jinja2
        from jinja2.exceptions import SecurityError

        try:
            return self.env.get_template(name).render(**context)
        except jinja2.TemplateNotFound:
            raise TemplateError(f"找不到模板 {name}") from None
        except jinja2.TemplateSyntaxError as e:
            raise TemplateError(f"模板 {e.filename or name} 第 {e.lineno} 行语法错误：{e.message}") from None
        except jinja2.UndefinedError as e:
            where = _template_location(e, self.which(name))
            raise TemplateError(f"模板 {where} 使用了未定义的变量：{_undefined_name(e)}") from None
        except SecurityError as e:
            where = _template_location(e, self.which(name))
            raise TemplateError(f"模板 {where} 试图访问不安全的内容，已拒绝：{e}") from None

    def render_toml(self, name: str, /, **context: Any) -> dict:
        """Render a `.toml` template and parse it: structured wording (labels, items, instructions)."""
        from docgen.config import tomllib

        text = self.render(name, **context)
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            raise TemplateError(f"模板 {self.which(name)} 渲染后不是合法的 TOML：{e}") from None

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


def _template_location(e: Exception, fallback: str) -> str:
    """`file 第 N 行` from the traceback frames Jinja maps back to the template source."""
    import traceback

    for frame in reversed(traceback.extract_tb(e.__traceback__)):
        name = frame.filename or ""
        if name.endswith((".j2", ".toml", ".txt", ".md")) or name.startswith("(内置)"):
            return f"{name} 第 {frame.lineno} 行"
    return fallback


def _undefined_name(e: Exception) -> str:
    msg = str(e)
    if "is undefined" in msg:
        return msg.split("'")[1] if "'" in msg else msg
    return msg


def _cn_date(value) -> str:
    from docgen.config import format_date

    return format_date(value) if value else ""
