"""`write_certificates`: 结业证书, one page per attendee, from an editable docxtpl Word template.

The wording lives in `certificates/certificate.docx` (open it in Word/WPS, keep the
`{{ c.… }}` fields); a class's `templates/certificates/certificate.docx` overrides it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from docgen.config import ClassInfo, format_date
from docgen.errors import TemplateError
from docgen.fsutil import atomic_path, safe_filename
from docgen.resources import Templates
from docgen.roster.model import Roster
from docgen.roster.sorting import sort_attendees

TEMPLATE = "certificates/certificate.docx"


@dataclass
class Certificate:
    name: str
    unit: str
    serial: str
    class_name: str
    organiser: str
    dates: str
    issue_date: str


def plan_certificates(roster: Roster, info: ClassInfo) -> list[Certificate]:
    prefix = f"{info.serial_prefix}-" if info.serial_prefix else ""
    width = max(3, len(str(len(roster))))
    issue = format_date(info.end or info.start)
    return [
        Certificate(a.name, a.unit, f"{prefix}{i:0{width}d}", info.name, info.organiser, info.dates_text, issue)
        for i, a in enumerate(roster.attendees, start=1)
    ]


def write_certificates(roster: Roster, out: Path, info: ClassInfo, templates: Templates, *, sort: str = "none",
                       full_name_strokes: bool = False, split: bool = False) -> Path:
    """All certificates in `out` (one page each); with `split`, one file per attendee in the folder `out`."""
    people = Roster(sort_attendees(roster.attendees, sort, full_name=full_name_strokes))
    certs = plan_certificates(people, info)
    with templates.path(TEMPLATE) as template:
        if not split:
            _render(template, certs, Path(out), templates)
            return Path(out)
        for cert in certs:
            _render(template, [cert], split_path(Path(out), cert), templates)
    return Path(out)


def split_path(folder: Path, cert: Certificate) -> Path:
    """`folder/001_张三.docx`: the file name is cleaned so attendee data can never leave `folder`."""
    name = safe_filename(f"{cert.serial}_{cert.name}", fallback=cert.serial or "证书")
    path = folder / f"{name}.docx"
    if path.resolve().parent != folder.resolve():
        raise TemplateError(f"{path}：证书文件名不安全，已停止")
    return path


def _render(template: Path, certs: list[Certificate], out: Path, templates: Templates) -> None:
    import zipfile

    import jinja2
    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate

    from docgen.writers.docx_common import stamp_properties
    from docgen.writers.docx_word import finish

    doc = DocxTemplate(str(template))
    try:
        doc.render({"certificates": [asdict(c) for c in certs]}, jinja_env=_env(), autoescape=True)
    except jinja2.TemplateError as e:
        raise TemplateError(f"证书模板 {templates.which(TEMPLATE)} 有误：{e}，请检查其中的 {{{{ }}}} 字段") from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise TemplateError(f"证书模板 {templates.which(TEMPLATE)} 不是有效的 Word 文件，"
                            "请用 Word 或 WPS 打开后另存为 .docx") from None
    stamp_properties(doc.docx, "结业证书")
    finish(doc.docx)
    with atomic_path(out) as tmp:
        doc.save(str(tmp))


def _env():
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined)
