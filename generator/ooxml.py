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
