"""The document kinds rmo makes, declared once, with what a kind's document is (`Document`),
every document of a workbook (`documents()`) and the words of `--only` (`parse_only`).

Building, `--only` and its help, `rmo templates`, the README's list and the tests all read
this table. Adding a kind means: its builder (a function of the workbook in
generator/documents/), its template templates/NAME.docx (edited in Word or LibreOffice) with
its text tests/templates/NAME.txt, a member of `DocumentKind` and one row of `KINDS`.

Builders are named, not imported: `rmo --help` reads the table and must not load the
document modules.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..archive.issued import Issue
    from ..errors import Problem
    from ..model import Workbook


class DocumentKind(enum.Enum):
    """A kind of document; the value is the register's «Вид» column."""

    PLAN = "План"
    PASSPORT = "Паспорт"
    PROGRAMME = "Программа"
    PROTOCOL = "Протокол"
    ANALYSIS = "Анализ"
    EXTRACT = "Выписка"
    CERTIFICATE = "Справка"
    REGISTRATION = "Лист регистрации"
    PARTICIPANTS = "Список участников"

    @property
    def label(self) -> str:
        return self.value

    @property
    def spec(self) -> KindSpec:
        return _BY_KIND[self]


@dataclass(frozen=True)
class KindSpec:
    """One row of the table."""

    kind: DocumentKind
    title: str  # what a person calls the paper («Выписка из протокола»)
    word: str  # the word of `--only`
    aliases: tuple[str, ...]  # other words `--only` accepts for it
    template: str  # file name of the built-in template, in templates/
    builder: str  # "module:function" in generator.documents; function(workbook) → documents

    @property
    def label(self) -> str:
        return self.kind.label

    @property
    def template_title(self) -> str:
        """The template's file name where a person sees it (the page, its downloads and
        messages): «Протокол.docx»; `template` stays the name in the package and in a
        `--templates` folder."""
        return f"{self.title}.docx"

    def build(self, workbook: Workbook) -> list[Document]:
        module, _, function = self.builder.partition(":")
        make: Callable[[Workbook], list[Document]] = getattr(
            importlib.import_module(f"{__package__}.{module}"), function)
        return make(workbook)



@dataclass(frozen=True)
class Document:
    """One document to write: its kind (which gives the template), file name and prepared
    context."""

    kind: DocumentKind
    filename: str
    context: dict
    title: str
    date: dt.date  # for the document's properties
    meeting: int | None = None
    issue: Issue | None = None  # a number and a date of issue kept in the archive
    person: str = ""  # whom an extract or certificate is for: the journal's «Кому»
    issued: str = ""  # «№ 7 от 20.05.2026»: the journal's «Рег. № и дата выдачи»
    # Why the document cannot be issued yet (a decision to fill in, nobody to sign): such a
    # document is not written, and the build lists it as «не готов» with these problems.
    missing: tuple[Problem, ...] = ()

    @property
    def ready(self) -> bool:
        return not self.missing

    @property
    def template(self) -> str:
        """The built-in template's file name, from the registry of kinds."""
        return self.kind.spec.template


# In filing order: the order of a build's documents.
KINDS: tuple[KindSpec, ...] = (
    KindSpec(DocumentKind.PLAN, "План работы", "план", ("планы",),
             "plan.docx", "plan:plan_documents"),
    KindSpec(DocumentKind.PASSPORT, "Паспорт РМО", "паспорт", ("паспорт рмо",),
             "passport.docx", "passport:passport_documents"),
    KindSpec(DocumentKind.PROGRAMME, "Программа заседания", "программы",
             ("программа", "программа заседания", "программы заседаний"),
             "programme.docx", "programme:programme_documents"),
    KindSpec(DocumentKind.PROTOCOL, "Протокол", "протоколы", ("протокол", "минуты"),
             "protocol.docx", "protocol:protocol_documents"),
    KindSpec(DocumentKind.ANALYSIS, "Анализ работы", "анализ", (),
             "analysis.docx", "analysis:analysis_documents"),
    KindSpec(DocumentKind.EXTRACT, "Выписка из протокола", "выписки", ("выписка",),
             "extract.docx", "papers:extract_documents"),
    KindSpec(DocumentKind.CERTIFICATE, "Справка о выступлении", "справки", ("справка",),
             "certificate.docx", "papers:certificate_documents"),
    KindSpec(DocumentKind.REGISTRATION, "Лист регистрации", "листы",
             ("лист", "листы регистрации", "лист регистрации", "регистрация"),
             "registration.docx", "papers:registration_documents"),
    KindSpec(DocumentKind.PARTICIPANTS, "Список участников", "списки",
             ("список", "список участников", "списки участников"),
             "participants.docx", "papers:participants_documents"),
)

_BY_KIND = {spec.kind: spec for spec in KINDS}
# Reports over several workbooks are not kinds of a build (no `--only` word, not written
# into an association's archive), but their templates ship and are restyled like the others.
# The centre's summary (report.py) and a person's record over the years (record.py).
REPORT_TEMPLATES: tuple[str, ...] = ("summary.docx", "person.docx")
TEMPLATES: tuple[str, ...] = tuple(spec.template for spec in KINDS) + REPORT_TEMPLATES
WORDS: tuple[str, ...] = tuple(spec.word for spec in KINDS)


def by_word(word: str) -> KindSpec | None:
    """The kind a word of `--only` names (already normalised: lower case, single spaces)."""
    for spec in KINDS:
        if word == spec.word or word in spec.aliases:
            return spec
    return None


def parse_only(value: str | None) -> set[DocumentKind] | None:
    """`--only протоколы,справки` → the kinds to build; None builds every kind."""
    if not value:
        return None
    from ..errors import RmoError, problem
    from ..russian.text import normalize_key

    chosen = set()
    for word in value.replace(";", ",").split(","):
        key = normalize_key(word)
        if not key:
            continue
        spec = by_word(key)
        if spec is None:
            allowed = ", ".join(WORDS)
            raise RmoError([problem(f"«{word.strip()}» — такого вида документов нет. "
                                    f"Допустимо: {allowed} (через запятую).")])
        chosen.add(spec.kind)
    return chosen


def documents(workbook: Workbook, only: set[DocumentKind] | None = None) -> list[Document]:
    """Every document the workbook gives (or those of the chosen kinds), in filing order."""
    return [document for spec in KINDS if only is None or spec.kind in only
            for document in spec.build(workbook)]
