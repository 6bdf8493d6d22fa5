"""Office Open XML packages written reproducibly: the same content gives the same bytes.

Both Word documents (through python-docx) and Excel workbooks (through openpyxl) are zip
packages that stamp the time of saving into the zip entries, and openpyxl also into
docProps/core.xml; the archive compares bytes, so every package rmo writes goes through here.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Zip entries get this time: the same input gives the same bytes (ZIP cannot store earlier).
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def zip_entry(name: str) -> zipfile.ZipInfo:
    """A zip entry that says nothing of when or where it was written."""
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


class FixedTimeZip:
    """The zip writer python-docx would use, but with fixed times: same input, same bytes
    (and each part compressed once, not saved and then rewritten)."""

    def __init__(self, stream: io.BytesIO) -> None:
        self._zip = zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED)

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self._zip.writestr(zip_entry(pack_uri.membername), blob)

    def close(self) -> None:
        self._zip.close()


def docx_bytes(document: Any) -> bytes:
    """A docxtpl document as bytes: what DocxTemplate.save and OpcPackage.save do, through
    FixedTimeZip."""
    from docx.opc.pkgwriter import PackageWriter

    document.pre_processing()
    package = document.docx.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    stream = io.BytesIO()
    # python-docx asks for its PhysPkgWriter; FixedTimeZip has the two methods it calls.
    writer: Any = FixedTimeZip(stream)
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, parts)
    writer.close()
    return stream.getvalue()


def reproducible(package: bytes, fix: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """The same package with fixed zip timestamps, so that the same input gives the same bytes.

    ``fix(name, data)`` may rewrite a part on the way (e.g. a time stamped inside it).
    """
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(zip_entry(info.filename), fix(info.filename, data) if fix else data)
    return out.getvalue()


def xlsx_bytes(book: Any, *, fixed: bool = False) -> bytes:
    """An openpyxl workbook as bytes. ``fixed``: no time of saving anywhere in the package
    (for a workbook embedded in a document, which must come out the same every build)."""
    stream = io.BytesIO()
    book.save(stream)
    data = stream.getvalue()
    return reproducible(data, _fixed_core_dates) if fixed else data


def _fixed_core_dates(name: str, xml: bytes) -> bytes:
    """openpyxl stamps the time of saving into docProps/core.xml."""
    if name != "docProps/core.xml":
        return xml
    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                  rb"\g<1>2000-01-01T00:00:00Z\g<2>", xml)


# --- packages from users: checked before anything unpacks them ----------------------------

@dataclass(frozen=True)
class Limits:
    """What a package of one kind may hold; the words that name the kind in a refusal."""

    what: str  # «книгу РМО»: after «не похоже на»
    fix: str  # what to do when the file is too big
    never: str  # «В книгах Excel»: where DTDs never come
    resave: str  # «Сохраните книгу заново в Excel.»
    unpacked: int  # bytes of all parts
    xml: int  # bytes of the XML parts, which are parsed into memory
    ratio: int  # unpacked / packed, checked above `ratio_above` bytes
    ratio_above: int
    parts: int


_MB = 1024 * 1024
# A workbook of one school year is a few hundred kilobytes; a template a few dozen, with a
# picture or two. Each limit is far above any real file and far below what would exhaust
# memory (a 99 KB template unpacked to 60 MB of empty paragraphs took 3 GB).
WORKBOOK = Limits("книгу РМО", "Проверьте, тот ли файл выбран; картинки из книги лучше удалить.",
                  "В книгах Excel", "Сохраните книгу заново в Excel.",
                  unpacked=200 * _MB, xml=200 * _MB, ratio=200, ratio_above=10 * _MB,
                  parts=10_000)
TEMPLATE = Limits("шаблон документа", "Проверьте, тот ли файл выбран; большие картинки из "
                  "шаблона лучше уменьшить или удалить.", "В документах Word",
                  "Сохраните шаблон заново в Word.",
                  unpacked=30 * _MB, xml=5 * _MB, ratio=100, ratio_above=2 * _MB, parts=1000)


def _refuse(message: str, fix: str) -> Exception:
    from .errors import RmoError, problem

    return RmoError([problem(message, fix=fix)])


def declared_parts(path: Path | bytes) -> int:
    """The number of parts a zip's end record declares, read before zipfile reads the whole
    directory (a crafted file may list millions); -1 when there is no end record. Of a file,
    or of the bytes of an upload."""
    if isinstance(path, bytes):
        tail = path[-65_557:]  # the record and the longest zip comment
    else:
        with path.open("rb") as stream:
            stream.seek(0, 2)
            size = stream.tell()
            stream.seek(max(0, size - 65_557))
            tail = stream.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return -1
    return int.from_bytes(tail[at + 10:at + 12], "little")


def open_package(path: Path, limits: Limits) -> zipfile.ZipFile:
    """The zip of a package, opened once the number of parts it declares is sane."""
    refusal = too_many_parts(path.name, declared_parts(path), limits)
    if refusal is not None:
        raise refusal
    return zipfile.ZipFile(path)


def check_package(archive: zipfile.ZipFile, name: str, limits: Limits) -> None:
    """Refuse a package too big, too compressed, of too many parts, or with XML declaring a
    DTD or entities, before any part is parsed. RmoError in Russian naming the file."""
    infos = archive.infolist()
    refusal = too_many_parts(name, len(infos), limits)
    if refusal is not None:
        raise refusal
    total = sum(info.file_size for info in infos)
    xml = sum(info.file_size for info in infos if _is_xml(info.filename))
    packed = sum(info.compress_size for info in infos) or 1
    if total > limits.unpacked or xml > limits.xml or (
            total > limits.ratio_above and total / packed > limits.ratio):
        raise _refuse(f"Файл «{name}» распаковывается в {max(total // _MB, 1)} МБ — это не "
                      f"похоже на {limits.what}. Файл не прочитан.", limits.fix)
    for info in infos:
        if _is_xml(info.filename):
            with archive.open(info) as stream:
                head = stream.read(65536)
            if re.search(rb"<!(?:DOCTYPE|ENTITY)", head, re.IGNORECASE):
                raise dtd_refusal(name, info.filename, limits)


def dtd_refusal(name: str, part: str, limits: Limits) -> Exception:
    return _refuse(f"Файл «{name}» содержит XML с объявлениями DTD или сущностей (часть "
                   f"{part}). {limits.never} их не бывает; файл не прочитан.", limits.resave)


def too_many_parts(name: str, count: int, limits: Limits) -> Exception | None:
    """The refusal for a zip declaring more parts than its kind may hold, or None."""
    if count <= limits.parts:
        return None
    return _refuse(f"Файл «{name}»: частей в нём {count}, это не похоже на {limits.what}. "
                   "Файл не прочитан.", limits.fix)


def _is_xml(name: str) -> bool:
    return name.endswith((".xml", ".rels"))


# --- links to the outside: refused in templates, cut from documents before PDF ----------

EXTERNAL = "External"
# Field codes that fetch what they show from a file or an address.
_LINK_FIELDS = re.compile(r"\b(INCLUDEPICTURE|INCLUDETEXT|LINK|DDE|DDEAUTO|IMPORT)\b",
                          re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Link:
    """A part of a package that reaches outside it: a relationship or a field."""

    part: str
    kind: str  # the relationship's type («image», «hyperlink») or the field («INCLUDETEXT»)
    target: str


def outside_links(archive: zipfile.ZipFile) -> list[Link]:
    """Relationships with TargetMode="External" and fields that fetch a file or an address.
    The XML is read with the XML parser, linear in the part."""
    from defusedxml.ElementTree import fromstring

    found = []
    for info in archive.infolist():
        if info.filename.endswith(".rels"):
            for relation in fromstring(archive.read(info)):
                if relation.get("TargetMode", "").lower() == EXTERNAL.lower():
                    kind = relation.get("Type", "").rstrip("/").rpartition("/")[2]
                    found.append(Link(info.filename, kind, relation.get("Target", "")))
        elif info.filename.startswith("word/") and info.filename.endswith(".xml"):
            for instruction in _instructions(fromstring(archive.read(info))):
                match = _LINK_FIELDS.search(instruction)
                if match or re.search(r"\{\{|\{%", instruction):
                    found.append(Link(info.filename, match[1].upper() if match else "",
                                      instruction.strip()))
    return found


def _instructions(root) -> list[str]:
    """The instruction of every field: a simple field's attribute, and the instruction texts
    of each paragraph joined (Word splits a field's code into runs)."""
    found = [field.get(f"{_W}instr", "") for field in root.iter(f"{_W}fldSimple")]
    for paragraph in root.iter(f"{_W}p"):
        code = "".join(text.text or "" for text in paragraph.iter(f"{_W}instrText"))
        if code:
            found.append(code)
    return found


def without_links(package: bytes) -> bytes:
    """The same document with every external relationship dropped and every field that
    fetches a file or an address emptied: what LibreOffice converts to PDF. Parts are
    rewritten only when they hold such a link, so a clean document keeps its bytes."""
    from lxml import etree  # type: ignore[import-untyped]

    source = zipfile.ZipFile(io.BytesIO(package))
    changed: dict[str, bytes] = {}
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    for info in source.infolist():
        is_rels = info.filename.endswith(".rels")
        if not (is_rels or (info.filename.startswith("word/") and info.filename.endswith(".xml"))):
            continue
        data = source.read(info)
        if (is_rels and EXTERNAL.encode() not in data) or \
                (not is_rels and b"instr" not in data):
            continue
        root = etree.fromstring(data, parser)
        if _cut_links(root, is_rels):
            changed[info.filename] = etree.tostring(root, xml_declaration=True,
                                                    encoding="UTF-8", standalone=True)
    if not changed:
        return package
    return reproducible(package, lambda name, data: changed.get(name, data))


def _cut_links(root, is_rels: bool) -> bool:
    cut = False
    if is_rels:
        for relation in list(root):
            if relation.get("TargetMode", "").lower() == EXTERNAL.lower():
                root.remove(relation)
                cut = True
        return cut
    for field in root.iter(f"{_W}fldSimple"):
        if _LINK_FIELDS.search(field.get(f"{_W}instr", "")):
            field.set(f"{_W}instr", "")
            cut = True
    for paragraph in root.iter(f"{_W}p"):
        texts = list(paragraph.iter(f"{_W}instrText"))
        if _LINK_FIELDS.search("".join(text.text or "" for text in texts)):
            for text in texts:
                text.text = ""
            cut = True
    return cut


def wrapped_lines(value: Any, width: float) -> int:
    """How many lines a wrapped cell of an xlsx sheet takes: Excel and LibreOffice do not
    grow a row that was written without a height, so a wrapped name would run into the next
    row on paper."""
    if value is None:
        return 1
    # Characters per unit of width: the unit is the width of «0», and a line of names and
    # words averages narrower letters (measured in LibreOffice and Excel at 11 points).
    room = max(int(width * 1.15), 1)
    total = 0
    for paragraph in str(value).split("\n"):
        length = 0
        lines = 1
        for word in paragraph.split(" "):
            if length and length + 1 + len(word) > room:
                lines += 1
                length = len(word)
            else:
                length += (1 if length else 0) + len(word)
        total += lines
    return total
