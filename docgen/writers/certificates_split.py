"""`certificates --split`: one .docx per attendee, in time linear in the roster and memory that stays flat.

docxtpl opens the template package, compiles its Jinja, renders and saves a whole document for
every file: about 12 ms and a growing heap per certificate. Here the first certificate is written
by docxtpl as usual; for the others only the body is rendered, with the same compiled template and
the same steps docxtpl takes after rendering, and put into a copy of the first file's package. A
template with fields outside the body (headers, footers, properties) is written by docxtpl throughout.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import asdict
from pathlib import Path

BODY_PART = "word/document.xml"
_FIELD = re.compile(rb"\{[{%#]|\{_[{%]")


class BodyRenderer:
    """Renders the body of the certificate template for one certificate at a time."""

    def __init__(self, template: Path, env):
        from docxtpl import DocxTemplate

        self.doc = DocxTemplate(str(template))
        self.doc.render_init()
        source = self.doc.patch_xml(self.doc.get_xml())
        env.autoescape = True
        self.compiled = env.from_string(re.sub(r"<w:p([ >])", r"\n<w:p\1", source))

    @staticmethod
    def usable(template: Path) -> bool:
        """Only the body holds fields (every other part is the same in every certificate)."""
        with zipfile.ZipFile(template) as z:
            return not any(_FIELD.search(z.read(name)) for name in z.namelist()
                           if name != BODY_PART and name.endswith(".xml"))

    def document_xml(self, cert) -> bytes:
        """word/document.xml of `cert`'s file, as docxtpl's `render` and python-docx's `save` make it."""
        from docx.opc.oxml import serialize_part_xml

        xml = self.compiled.render({"certificates": [asdict(cert)]})
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        tree = self.doc.fix_tables(self.doc.resolve_listing(xml))
        self.doc.docx_ids_index = 1000
        self.doc.fix_docpr_ids(tree)
        self.doc.map_tree(tree)
        return serialize_part_xml(self.doc.docx._element)


class PackageCopy:
    """The parts of the first certificate's file, read once, written again with another body."""

    def __init__(self, first: Path):
        with zipfile.ZipFile(first) as z:
            self.parts = [(info, z.read(info)) for info in z.infolist()]

    def write(self, document_xml: bytes, target: Path) -> None:
        with zipfile.ZipFile(target, "w") as out:
            for info, data in self.parts:
                entry = zipfile.ZipInfo(info.filename, info.date_time)  # a fresh entry: writestr fills it in
                entry.compress_type, entry.external_attr = info.compress_type, info.external_attr
                out.writestr(entry, document_xml if info.filename == BODY_PART else data)
