"""A small Open Packaging Conventions reader and writer: a .pptx as parts, relationships, content types.

The deck and the table cards are written as PresentationML directly, as pandoc does, rather than
through python-pptx: importing python-pptx and loading and saving a reference package through
its object model cost more than everything else in the .pptx lane of a build. Only the parts
docgen changes are parsed; every other part is copied as it was read. Saving keeps only the
parts reachable from the package relationships, so a removed slide takes its notes with it.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "[Content_Types].xml"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
RT_APP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
APP_XML = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<Properties xmlns=\""
           b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
           b"<Application>docgen</Application></Properties>")
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC, DCTERMS = "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_PARSER = etree.XMLParser(remove_blank_text=False, resolve_entities=False)


class PackageError(ValueError):
    """The bytes are not a readable package (not a zip, or a part or relationship is missing)."""


@dataclass
class Rel:
    id: str
    type: str
    target: str
    """A part name (no leading slash) for internal relationships, the URL for external ones."""
    external: bool = False


class Package:
    """The parts of one package: bytes as read, or lxml trees once `xml()` has parsed them."""

    def __init__(self, blobs: dict[str, bytes]):
        if CONTENT_TYPES not in blobs:
            raise PackageError("no [Content_Types].xml")
        self._blobs = blobs
        self._trees: dict[str, etree._Element] = {}
        self._rels: dict[str, list[Rel]] = {}
        self._counters: dict[str, int] = {}
        self.defaults: dict[str, str] = {}
        self.overrides: dict[str, str] = {}
        types = self._parse(blobs.pop(CONTENT_TYPES))
        for entry in types:
            if entry.tag == f"{{{CT_NS}}}Default":
                self.defaults[entry.get("Extension", "").lower()] = entry.get("ContentType", "")
            elif entry.tag == f"{{{CT_NS}}}Override":
                self.overrides[entry.get("PartName", "").lstrip("/")] = entry.get("ContentType", "")

    @classmethod
    def read(cls, data: bytes) -> Package:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                return cls({item.filename: z.read(item) for item in z.infolist() if not item.is_dir()})
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as e:
            raise PackageError(str(e)) from None

    # -- parts ----------------------------------------------------------------------

    def __contains__(self, name: str) -> bool:
        return name in self._trees or name in self._blobs

    def blob(self, name: str) -> bytes:
        if name in self._trees:
            return _serialise(self._trees[name])
        if name not in self._blobs:
            raise PackageError(f"part {name} is missing")
        return self._blobs[name]

    def xml(self, name: str) -> etree._Element:
        """The part parsed; changes to the tree are what `save` writes."""
        if name not in self._trees:
            self._trees[name] = self._parse(self.blob(name))
            del self._blobs[name]
        return self._trees[name]

    def content_type(self, name: str) -> str:
        return self.overrides.get(name) or self.defaults.get(posixpath.splitext(name)[1][1:].lower(), "")

    def add(self, name: str, content_type: str, part: bytes | etree._Element) -> str:
        if isinstance(part, bytes):
            self._blobs[name] = part
        else:
            self._trees[name] = part
        self.overrides[name] = content_type
        return name

    def next_name(self, template: str) -> str:
        """A free name of `template` (`ppt/slides/slide%d.xml`): the next number after the last one
        handed out that no part has (counting instead of scanning keeps 1,000 new slides linear)."""
        n = self._counters.get(template, 1)
        while template % n in self:
            n += 1
        self._counters[template] = n + 1
        return template % n

    # -- relationships ----------------------------------------------------------------

    def rels(self, source: str) -> list[Rel]:
        """The relationships of part `source` ('' for the package), in file order."""
        if source not in self._rels:
            self._rels[source] = self._read_rels(source)
        return self._rels[source]

    def related(self, source: str, rel_type: str) -> list[str]:
        return [r.target for r in self.rels(source) if r.type == rel_type and not r.external]

    def target(self, source: str, r_id: str) -> str:
        for rel in self.rels(source):
            if rel.id == r_id:
                return rel.target
        raise PackageError(f"relationship {r_id} of {source or 'the package'} is missing")

    def relate(self, source: str, target: str, rel_type: str) -> str:
        """Add a relationship from `source` to part `target`; its new id."""
        rels = self.rels(source)
        used = {r.id for r in rels}
        n = 1
        while f"rId{n}" in used:
            n += 1
        rels.append(Rel(f"rId{n}", rel_type, target))
        return f"rId{n}"

    def drop_rel(self, source: str, r_id: str) -> None:
        self._rels[source] = [r for r in self.rels(source) if r.id != r_id]

    def _read_rels(self, source: str) -> list[Rel]:
        name = rels_name(source)
        if name not in self._blobs:
            return []
        base = posixpath.dirname(source)
        rels = []
        for entry in self._parse(self._blobs.pop(name)):
            external = entry.get("TargetMode") == "External"
            target = entry.get("Target", "")
            if not external:
                target = _resolve(base, target)
            rels.append(Rel(entry.get("Id", ""), entry.get("Type", ""), target, external))
        return rels

    def prune(self) -> None:
        """Forget the parts no relationship leads to any more (a removed slide, its notes)."""
        keep = set(self._reachable())
        for name in [n for n in [*self._blobs, *self._trees] if n not in keep and not _is_rels(n)]:
            self._blobs.pop(name, None)
            self._trees.pop(name, None)
            self._blobs.pop(rels_name(name), None)
            self._rels.pop(name, None)
        self._counters.clear()

    # -- saving -----------------------------------------------------------------------

    def save(self) -> bytes:
        """The package as .pptx bytes: the parts reachable from the package relationships."""
        parts = self._reachable()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(CONTENT_TYPES, self._content_types(parts))
            for source in ["", *parts]:
                rels = self.rels(source)
                if rels:
                    z.writestr(rels_name(source), _rels_xml(source, rels))
                if source:
                    z.writestr(source, self.blob(source))
        return out.getvalue()

    def _reachable(self) -> list[str]:
        seen: dict[str, None] = {}
        stack = [""]
        while stack:
            for rel in reversed(self.rels(stack.pop())):
                if not rel.external and rel.target not in seen and rel.target in self:
                    seen[rel.target] = None
                    stack.append(rel.target)
        return list(seen)

    def _content_types(self, parts: list[str]) -> bytes:
        root = etree.Element(f"{{{CT_NS}}}Types", nsmap={None: CT_NS})
        extensions = {posixpath.splitext(p)[1][1:].lower() for p in parts} | {"rels", "xml"}
        for ext, content_type in sorted(self.defaults.items()):
            if ext in extensions:
                etree.SubElement(root, f"{{{CT_NS}}}Default", Extension=ext, ContentType=content_type)
        for name in sorted(parts):
            if name in self.overrides:
                etree.SubElement(root, f"{{{CT_NS}}}Override", PartName="/" + name,
                                 ContentType=self.overrides[name])
        return _serialise(root)

    @staticmethod
    def _parse(data: bytes) -> etree._Element:
        try:
            return etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as e:
            raise PackageError(str(e)) from None


def neutral_base(data: bytes) -> bytes:
    """A base package docgen ships (made with python-docx or python-pptx) without their traces: no
    thumbnail of their default document, no `python-docx` author or description, no 2013 dates, no
    `Microsoft Macintosh Word` as the application that wrote it.
    Each document docgen writes from it gets its own dates (`stamp_core`)."""
    package = Package.read(data)
    for rel in [r for r in package.rels("") if r.type == RT_THUMBNAIL]:
        package.drop_rel("", rel.id)
    for part in package.related("", RT_APP):
        package.add(part, package.content_type(part), APP_XML)
    for part in package.related("", RT_CORE):
        root = package.xml(part)
        for child in list(root):
            if child.tag in (f"{{{DC}}}creator", f"{{{DC}}}description", f"{{{CP}}}lastModifiedBy",
                             f"{{{DCTERMS}}}created", f"{{{DCTERMS}}}modified"):
                root.remove(child)
    package.prune()
    return package.save()


def save_neutral(document, out) -> None:
    """Save a python-docx or python-pptx document to `out` as a base package docgen ships (`neutral_base`)."""
    buffer = io.BytesIO()
    document.save(buffer)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(neutral_base(buffer.getvalue()))


def stamp_core(core: etree._Element, title: str | None = None) -> None:
    """A core-properties tree dated now, in Chinese, titled `title` when given."""
    for name, value in (("title", title), ("language", "zh-CN")):
        if value is not None:
            element = core.find(f"{{{DC}}}{name}")
            if element is None:
                element = etree.SubElement(core, f"{{{DC}}}{name}", nsmap={"dc": DC})
            element.text = value
    for name in ("created", "modified"):
        element = core.find(f"{{{DCTERMS}}}{name}")
        if element is None:
            element = etree.SubElement(core, f"{{{DCTERMS}}}{name}", nsmap={"dcterms": DCTERMS, "xsi": XSI})
        element.set(f"{{{XSI}}}type", "dcterms:W3CDTF")
        element.text = now_w3cdtf()


def now_w3cdtf() -> str:
    import datetime as dt

    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def rels_name(source: str) -> str:
    directory, name = posixpath.split(source)
    return posixpath.join(directory, "_rels", name + ".rels")


def _is_rels(name: str) -> bool:
    return name.endswith(".rels") and "/_rels/" in "/" + name


def _resolve(base: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(base, target))


def _rels_xml(source: str, rels: list[Rel]) -> bytes:
    base = posixpath.dirname(source) or "."
    root = etree.Element(f"{{{RELS_NS}}}Relationships", nsmap={None: RELS_NS})
    for rel in rels:
        entry = etree.SubElement(root, f"{{{RELS_NS}}}Relationship", Id=rel.id, Type=rel.type,
                                 Target=rel.target if rel.external else posixpath.relpath(rel.target, base))
        if rel.external:
            entry.set("TargetMode", "External")
    return _serialise(root)


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

