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
        _render_split(template, certs, Path(out), templates)
    return Path(out)


def _render_split(template: Path, certs: list[Certificate], folder: Path, templates: Templates) -> None:
    """One file per attendee, all or none: written into a hidden folder beside them, moved in at the end."""
    import os
    import shutil
    import tempfile

    from docgen.errors import OutputError
    from docgen.fsutil import os_reason

    paths = [split_path(folder, cert) for cert in certs]
    taken = next((p for p in paths if p.is_dir()), None)
    if taken:
        raise OutputError(f"{taken}：已有同名的文件夹，无法写这份证书；没有写出任何证书")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".~证书-", dir=folder))
    except OSError as e:
        raise OutputError(f"{folder}：无法在这个文件夹里写证书（{os_reason(e)}）") from None
    try:
        _render_each(template, certs, [work / path.name for path in paths], templates)
        for path in paths:
            os.replace(work / path.name, path)
    except OSError as e:
        raise OutputError(f"{folder}：写证书失败（{os_reason(e)}）") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)


def split_path(folder: Path, cert: Certificate) -> Path:
    """`folder/001_张三.docx`: the file name is cleaned so attendee data can never leave `folder`."""
    name = safe_filename(f"{cert.serial}_{cert.name}", fallback=cert.serial or "证书")
    path = folder / f"{name}.docx"
    if path.resolve().parent != folder.resolve():
        raise TemplateError(f"{path}：证书文件名不安全，已停止")
    return path


def _render_each(template: Path, certs: list[Certificate], targets: list[Path], templates: Templates) -> None:
    """One file per certificate: the first by docxtpl, the others by rendering their body only
    (`certificates_split`) when the template has fields in its body alone."""
    import jinja2

    from docgen.writers.certificates_split import BodyRenderer, PackageCopy

    if not certs:
        return
    _render(template, certs[:1], targets[0], templates)
    if not BodyRenderer.usable(template):
        for cert, target in zip(certs[1:], targets[1:]):
            _render(template, [cert], target, templates)
        return
    body, package = BodyRenderer(template, _env()), PackageCopy(targets[0])
    for cert, target in zip(certs[1:], targets[1:]):
        try:
            xml = body.document_xml(cert)
        except jinja2.TemplateError as e:
            raise _field_error(e, templates) from None
        package.write(xml, target)


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
        raise _field_error(e, templates) from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise TemplateError(f"证书模板 {templates.which(TEMPLATE)} 不是有效的 Word 文件，"
                            "请用 Word 或 WPS 打开后另存为 .docx") from None
    stamp_properties(doc.docx, "结业证书")
    finish(doc.docx)
    with atomic_path(out) as tmp:
        doc.save(str(tmp))


def _field_error(e: Exception, templates: Templates) -> TemplateError:
    from docgen.resources import jinja_reason

    return TemplateError(f"证书模板 {templates.which(TEMPLATE)} 有误（{jinja_reason(e)}），请检查其中的 {{{{ }}}} 字段")


def _env():
    import jinja2

    from docgen.sandbox import sandbox

    return sandbox(undefined=jinja2.StrictUndefined)
