"""Opening a workbook file safely: refusing what is not an .xlsx (or is a zip bomb, or XML
with entities) with a clear reason, and the facts openpyxl's read-only mode does not tell
(merged ranges, formulas without a saved value), read in one pass of each sheet's XML."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .. import ooxml
from ..errors import RmoError, os_reason, problem


def open_workbook(path: Path):
    """Load the workbook with openpyxl, refusing files that are not .xlsx with a clear reason."""
    def fail(message: str, fix: str) -> RmoError:
        return RmoError([problem(message, fix=fix)])

    name = path.name
    if name.startswith("~$"):
        raise fail(
            f"«{name}» — это служебный файл Excel, который появляется, пока книга открыта.",
            f"Укажите саму книгу: «{name[2:]}»."
        )
    if not path.exists():
        raise fail(f"Файл «{path}» не найден.", "Проверьте имя и папку.")
    if path.is_dir():
        raise fail(f"«{path}» — это папка, а нужна книга Excel (.xlsx).", "Выберите файл книги.")
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except PermissionError as error:
        raise fail(f"Файл «{name}» не открывается: он занят другой программой или нет прав "
                   "на чтение.", "Закройте его в Excel и запустите rmo снова.") from error
    except OSError as error:
        raise fail(f"Не удалось прочитать файл «{name}»: {os_reason(error)}.",
                   "Проверьте, что файл открывается в Excel, и попробуйте снова.") from error
    if not head:
        raise fail(f"Файл «{name}» пуст.", "Нужна книга Excel (.xlsx).")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise fail(
            f"Файл «{name}» — старая книга Excel (.xls) или книга, защищённая паролем.",
            "Откройте её в Excel, снимите пароль, если он есть, и сохраните как "
            "«Книга Excel (.xlsx)»."
        )
    if not head.startswith(b"PK"):
        raise fail(
            f"Файл «{name}» — не книга Excel: похоже, это текст или CSV.",
            "Откройте его в Excel и сохраните как «Книга Excel (.xlsx)»."
        )
    facts = _check_zip(path, fail)
    import openpyxl  # heavy: imported only when a workbook is read

    try:
        # Read-only mode streams the sheets: thousands of formatted empty rows cost little.
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise fail(
            f"Файл «{name}» не удалось открыть как книгу Excel.",
            "Откройте его в Excel и сохраните заново как «Книга Excel (.xlsx)»."
        ) from error
    return workbook, facts


def _check_zip(path: Path, fail) -> dict[str, SheetFacts]:
    """Refuse OpenDocument files, zip bombs and XML with entities before openpyxl reads them;
    return the facts of each sheet by its title."""
    name = path.name
    try:
        with ooxml.open_package(path, ooxml.WORKBOOK) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and "content.xml" in names:
                raise fail(
                    f"Файл «{name}» — таблица OpenDocument (.ods).", "Откройте её в LibreOffice "
                    "или Excel и сохраните как «Книга Excel (.xlsx)»."
                )
            if "xl/workbook.xml" not in names:
                raise fail(
                    f"Файл «{name}» — архив, но не книга Excel.", "Нужна книга Excel (.xlsx)."
                )
            ooxml.check_package(archive, name, ooxml.WORKBOOK)
            return _sheet_facts(archive, lambda part: ooxml.dtd_refusal(name, part,
                                                                        ooxml.WORKBOOK))
    except zipfile.BadZipFile as error:
        raise fail(
            f"Файл «{name}» повреждён или сохранён не полностью.",
            "Откройте его в Excel и сохраните заново."
        ) from error


_RANGE = re.compile(r"[A-Z]+[0-9]+:[A-Z]+[0-9]+")
_COORDINATE = re.compile(r"([A-Z]{1,3})([0-9]+)")


def _sheet_facts(archive: zipfile.ZipFile, refuse) -> dict[str, SheetFacts]:
    from defusedxml.ElementTree import fromstring

    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    try:
        book = fromstring(archive.read("xl/workbook.xml"))
        rels = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, Exception):  # a damaged book is reported when openpyxl opens it
        return {}
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    facts: dict[str, SheetFacts] = {}
    for sheet in book.iter(f"{ns_main}sheet"):
        target = targets.get(sheet.get(f"{ns_rel}id"), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        try:
            stream = archive.open(part)
        except KeyError:
            continue
        with stream:
            facts[sheet.get("name", "")] = _scan_sheet(stream, part, refuse)
    return facts


def _scan_sheet(stream, part: str, refuse) -> SheetFacts:
    """Merged ranges and formula cells with no saved value, in one pass of the XML parser:
    time and memory grow with the sheet, whatever its XML holds (a regular expression over
    the raw XML took minutes on cells repeated inside a comment). Each element is dropped
    once read, so a sheet of a million rows is read in constant memory."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse
    from openpyxl.utils import column_index_from_string, get_column_letter

    found = SheetFacts()
    parents: list = []
    row = column = 0
    cell = ""
    formula = value = False
    try:
        for event, element in iterparse(stream, events=("start", "end"), forbid_dtd=True):
            name = element.tag.rpartition("}")[2]
            if event == "start":
                parents.append(element)
                if name == "row":
                    number = element.get("r", "")
                    given_row = number.isascii() and number.isdigit()
                    row, column = int(number) if given_row else row + 1, 0
                elif name == "c":
                    # A cell may leave out its address: it is then the next in its row.
                    given = _COORDINATE.fullmatch(element.get("r", ""))
                    column = column_index_from_string(given[1]) if given else column + 1
                    cell = given[0] if given else f"{get_column_letter(column)}{row}"
                    formula = value = False
                continue
            parents.pop()
            if name == "f" and cell:
                formula = True
            elif name == "v" and cell and element.text:
                value = True
            elif name == "c":
                if formula and not value:
                    found.formulas.add(cell)
                cell = ""
            elif name == "mergeCell" and _RANGE.fullmatch(element.get("ref", "")):
                found.merged.append(element.get("ref"))
            if parents:
                parents[-1].remove(element)  # the only child left: removed at once
    except DefusedXmlException as error:
        raise refuse(part) from error
    except (ParseError, ValueError):
        pass  # a damaged sheet is reported when openpyxl reads it
    return found


@dataclass
class SheetFacts:
    """What openpyxl's read-only mode does not tell: merged ranges and formulas with no value."""

    merged: list[str] = field(default_factory=list)  # «A3:A5»
    formulas: set[str] = field(default_factory=set)  # cells with a formula and no saved value
