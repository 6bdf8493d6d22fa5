"""An uploaded template is checked as a workbook is before anything parses it (size, unpacked
size, compression, parts, DTD), and nothing in it may reach outside: pictures, links, fields
or an attached template fetched from a file or an address. LibreOffice making PDFs fetches
nothing either."""

from __future__ import annotations

import io
import os
import re
import socket
import threading
import time
import zipfile
from pathlib import Path

import pytest

from generator import ooxml
from generator.errors import RmoError
from generator.render import pdf
from generator.render.templates import builtin_templates, check_template

RELS = "word/_rels/document.xml.rels"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
LINKS_REFUSED = ("Шаблоны со ссылками на другие файлы и адреса не принимаются: программа "
                 "ничего не загружает ни при сборке, ни при PDF.")
TOO_BIG = ("Проверьте, тот ли файл выбран; большие картинки из шаблона лучше уменьшить или "
           "удалить.")


def crafted(tmp_path: Path, change=None, extra: dict[str, bytes] | None = None,
            method=zipfile.ZIP_DEFLATED) -> Path:
    """The built-in plan with parts changed (`change(name, data)`) or added, as a head might
    upload it."""
    path = tmp_path / "plan.docx"
    with zipfile.ZipFile(builtin_templates() / "plan.docx") as source, \
            zipfile.ZipFile(path, "w", method) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, change(info.filename, data) if change else data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return path


def refused(path: Path) -> str:
    """The message and the fix of refusing the template at upload; how fast it is refused is
    test_a_hostile_template_is_refused_quickly's (slow: a clock has no place in the quick run)."""
    with pytest.raises(RmoError) as caught:
        check_template(path, path.parent / "archive")
    problem = caught.value.problems[0]
    return f"{problem.message} {problem.fix}"


def in_body(xml: str):
    def change(name: str, data: bytes) -> bytes:
        if name == "word/document.xml":
            return data.replace(b"<w:body>", b"<w:body>" + xml.encode(), 1)
        return data
    return change


def relation(kind: str, target: str, part: str = RELS, mode: str = ' TargetMode="External"'):
    def change(name: str, data: bytes) -> bytes:
        if name == part:
            return data.replace(b"</Relationships>", (
                f'<Relationship Id="rId99" Type="{REL_TYPE}{kind}" Target="{target}"{mode}/>'
                "</Relationships>").encode())
        return data
    return change


# --- the package ----------------------------------------------------------------------------

def sixty_megabytes(tmp_path: Path) -> Path:
    return crafted(tmp_path, in_body("<w:p/>" * 10_000_000))


def compressed_a_thousand_times(tmp_path: Path) -> Path:
    return crafted(tmp_path, extra={"word/media/image1.png": b"\0" * (3 * 1024 * 1024)})


def too_much_xml(tmp_path: Path) -> Path:
    noise = os.urandom(3 * 1024 * 1024).hex()  # 6 MB that hardly compresses
    return crafted(tmp_path, in_body(f"<w:p><w:r><w:t>{noise}</w:t></w:r></w:p>"))


def thousands_of_parts(tmp_path: Path) -> Path:
    return crafted(tmp_path, extra={f"word/x{i}.bin": b"" for i in range(1500)},
                   method=zipfile.ZIP_STORED)


def a_hundred_thousand_tags(tmp_path: Path) -> Path:
    return crafted(tmp_path, in_body("<w:p><w:r><w:t>" + "{{ theme }}" * 100_000
                                     + "</w:t></w:r></w:p>"))


def declaring_entities(tmp_path: Path) -> Path:
    def change(name: str, data: bytes) -> bytes:
        if name == "word/document.xml":
            return data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
                                1)
        return data
    return crafted(tmp_path, change)


@pytest.mark.slow
@pytest.mark.parametrize("make", [sixty_megabytes, compressed_a_thousand_times, too_much_xml,
                                  thousands_of_parts, a_hundred_thousand_tags,
                                  declaring_entities])
def test_a_hostile_template_is_refused_quickly(tmp_path, make):
    """Refused before anything parses or compiles it: in seconds, not the minutes and
    gigabytes parsing it took."""
    path = make(tmp_path)
    start = time.perf_counter()
    with pytest.raises(RmoError):
        check_template(path, path.parent / "archive")
    assert time.perf_counter() - start < 5


def test_a_template_unpacking_to_sixty_megabytes_is_refused_before_parsing(tmp_path):
    """99 KB of empty paragraphs unpacked to 60 MB took 3 GB of memory when parsed."""
    path = sixty_megabytes(tmp_path)
    assert path.stat().st_size < 200 * 1024
    assert refused(path) == ("Файл «plan.docx» распаковывается в 57 МБ — это не похоже на "
                             "шаблон документа. Файл не прочитан. " + TOO_BIG)


def test_a_part_compressed_a_thousand_times_is_refused(tmp_path):
    path = compressed_a_thousand_times(tmp_path)
    assert refused(path) == ("Файл «plan.docx» распаковывается в 3 МБ — это не похоже на "
                             "шаблон документа. Файл не прочитан. " + TOO_BIG)


def test_more_xml_than_a_template_holds_is_refused(tmp_path):
    path = too_much_xml(tmp_path)
    assert refused(path) == ("Файл «plan.docx» распаковывается в 6 МБ — это не похоже на "
                             "шаблон документа. Файл не прочитан. " + TOO_BIG)


def test_a_template_of_thousands_of_parts_is_refused_before_they_are_listed(tmp_path):
    path = thousands_of_parts(tmp_path)
    assert ooxml.declared_parts(path) == 1513
    assert refused(path) == ("Файл «plan.docx»: частей в нём 1513, это не похоже на шаблон "
                             "документа. Файл не прочитан. " + TOO_BIG)


def test_a_template_of_a_hundred_thousand_tags_is_refused_before_compiling(tmp_path):
    """Each tag is compiled code: 100 000 of them in 14 KB took 12 s and 1 GB."""
    path = a_hundred_thousand_tags(tmp_path)
    # 200 000 braces added to those of the built-in plan, whatever their number.
    said = re.sub(r"в нём 200\xa0?\s?0\d\d,", "в нём 200 0NN,", refused(path))
    assert said == (
        "Шаблон «plan.docx»: фигурных скобок в нём 200 0NN, а в шаблоне документа их "
        "бывает не больше 6 000. Файл не прочитан. Проверьте, тот ли файл выбран: в шаблоне нужны "
        "только теги встроенного шаблона и ваш текст.")


def test_a_template_declaring_entities_is_refused(tmp_path):
    assert refused(declaring_entities(tmp_path)) == (
        "Файл «plan.docx» содержит XML с объявлениями DTD или сущностей (часть "
        "word/document.xml). В документах Word их не бывает; файл не прочитан. Сохраните "
        "шаблон заново в Word.")


# --- links to the outside ---------------------------------------------------------------------

LINKS = [
    (relation("image", "http://169.254.169.254/latest/meta-data/"),
     "в нём картинка, вставленная ссылкой на «http://169.254.169.254/latest/meta-data/»",
     "Вставьте картинку в шаблон целиком (Вставка → Рисунки, без «Связать с файлом») и "
     "загрузите шаблон снова."),
    (relation("image", "file:///etc/passwd"),
     "в нём картинка, вставленная ссылкой на «file:///etc/passwd»",
     "Вставьте картинку в шаблон целиком (Вставка → Рисунки, без «Связать с файлом») и "
     "загрузите шаблон снова."),
    (relation("hyperlink", "https://example.org/форма"),
     "в нём гиперссылка на «https://example.org/форма»",
     "Удалите гиперссылку (правая кнопка мыши → «Удалить гиперссылку»): адрес можно оставить "
     "простым текстом."),
    ({"word/_rels/settings.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://'
        'schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        f'Type="{REL_TYPE}attachedTemplate" Target="file:///C:/Шаблоны/Normal.dotm" '
        'TargetMode="External"/></Relationships>').encode()},
     "в нём присоединённый шаблон «file:///C:/Шаблоны/Normal.dotm»",
     "В Word: Разработчик → Шаблон документа — сотрите имя присоединённого шаблона, сохраните "
     "и загрузите снова."),
    (relation("subDocument", "\\\\server\\share\\part.docx"),
     "в нём вложенный документ «\\\\server\\share\\part.docx»",
     "Вставьте текст вложенного документа в сам шаблон."),
    (relation("oleObject", "file:///home/rmo/table.xlsx"),
     "в нём объект, связанный с файлом «file:///home/rmo/table.xlsx»",
     "Вставьте объект в шаблон целиком, без связи с файлом, или удалите его."),
    (in_body('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> INCLUDE'
             '</w:instrText></w:r><w:r><w:instrText>TEXT "/etc/hostname" </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'),
     "в нём поле INCLUDETEXT, которое берёт содержимое из «INCLUDETEXT \"/etc/hostname\"»",
     "Удалите поле (Alt+F9 показывает коды полей) и вставьте нужное прямо в шаблон."),
    (in_body('<w:p><w:fldSimple w:instr=" INCLUDEPICTURE &quot;http://10.0.0.1/x.png&quot; ">'
             "<w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>"),
     "в нём поле INCLUDEPICTURE, которое берёт содержимое из «INCLUDEPICTURE "
     "\"http://10.0.0.1/x.png\"»",
     "Удалите поле (Alt+F9 показывает коды полей) и вставьте нужное прямо в шаблон."),
    (in_body('<w:p><w:fldSimple w:instr="{{ theme }}"><w:r><w:t>x</w:t></w:r></w:fldSimple>'
             "</w:p>"),
     "в нём поле Word, код которого составляет тег: «{{ theme }}»",
     "Удалите поле (Alt+F9 показывает коды полей) и вставьте нужное прямо в шаблон."),
]


@pytest.mark.parametrize(("change", "what", "fix"), LINKS)
def test_a_template_reaching_outside_is_refused_at_upload(tmp_path, change, what, fix):
    path = crafted(tmp_path, extra=change) if isinstance(change, dict) else \
        crafted(tmp_path, change)
    assert refused(path) == \
        f"Шаблон «plan.docx»: {what}. {LINKS_REFUSED} {fix}"


def test_an_internal_link_and_a_page_number_are_welcome(tmp_path):
    change = in_body('<w:p><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
                     '<w:hyperlink w:anchor="top"><w:r><w:t>наверх</w:t></w:r></w:hyperlink>'
                     "</w:p>")
    check_template(crafted(tmp_path, change), tmp_path / "archive")


def test_every_built_in_template_passes_the_check(tmp_path):
    for path in sorted(builtin_templates().glob("*.docx")):
        with zipfile.ZipFile(path) as archive:
            ooxml.check_package(archive, path.name, ooxml.TEMPLATE)
            assert ooxml.outside_links(archive) == []


# --- LibreOffice fetches nothing ------------------------------------------------------------

def test_links_are_cut_from_a_document_before_it_goes_to_libreoffice(tmp_path):
    change = in_body('<w:p><w:fldSimple w:instr=" INCLUDEPICTURE &quot;http://x/y.png&quot; ">'
                     "<w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>")
    path = crafted(tmp_path, lambda name, data: relation("image", "http://x/y.png")(
        name, change(name, data)))
    clean = zipfile.ZipFile(io.BytesIO(ooxml.without_links(path.read_bytes())))
    assert b"External" not in clean.read(RELS)
    assert b"INCLUDEPICTURE" not in clean.read("word/document.xml")
    builtin = (builtin_templates() / "plan.docx").read_bytes()
    assert ooxml.without_links(builtin) == builtin  # a clean document keeps its bytes


class Listener:
    """A server on a free port that records every connection made to it."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(8)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.requests: list[bytes] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            with connection:
                self.requests.append(connection.recv(200))

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join()
        self.socket.close()


IMAGE = ('<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/'
         'drawingml/2006/wordprocessingDrawing"><wp:extent cx="952500" cy="952500"/>'
         '<wp:docPr id="99" name="x"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/'
         'drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/'
         '2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/'
         'picture"><pic:nvPicPr><pic:cNvPr id="99" name="x"/><pic:cNvPicPr/></pic:nvPicPr>'
         '<pic:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships" r:link="rId99"/></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
         '<a:ext cx="952500" cy="952500"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr>'
         "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>")


@pytest.mark.libreoffice
@pytest.mark.parametrize("cut", [True, False], ids=["links cut", "libreoffice settings alone"])
def test_libreoffice_fetches_nothing_a_document_links_to(tmp_path, monkeypatch, cut):
    """A document with a picture linked to an address (as a template refused at upload
    would make): its PDF is made and the address is never asked — by cutting the links, and
    by LibreOffice's own settings should a link get through."""
    pdf.soffice()
    listener = Listener()
    try:
        url = f"http://127.0.0.1:{listener.port}/image.png"
        document = crafted(tmp_path, lambda name, data: relation("image", url)(
            name, in_body(IMAGE)(name, data)))
        if not cut:
            monkeypatch.setattr(pdf, "without_links", lambda package: package)
        made = pdf.convert([document])
        assert made.pdfs[document].startswith(b"%PDF-")
        time.sleep(0.5)
    finally:
        listener.stop()
    assert listener.requests == []


# --- crafted braces: checking takes time in proportion to the template ---------------------

_BRACES = {
    "openers in text": lambda n: "<w:p><w:r><w:t>" + "{{" * n + "</w:t></w:r></w:p>",
    "commands in text": lambda n: "<w:p><w:r><w:t>" + "{%" * n + "</w:t></w:r></w:p>",
    "docxtpl's run tags": lambda n: "<w:p><w:r><w:t>" + "{{r " * n + "</w:t></w:r></w:p>",
    "openers in an attribute": lambda n: (f'<w:p><w:bookmarkStart w:id="1" w:name="{"{{" * n}"/>'
                                          "</w:p>"),
    "tags across runs": lambda n: "<w:p>" + "<w:r><w:t>{</w:t></w:r><w:r><w:t>{ x </w:t></w:r>"
                                            * n + "</w:p>",
}


def _time_to_check(path: Path) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        with pytest.raises(RmoError):
            check_template(path, path.parent / "archive")
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.slow  # a clock, kept out of the quick run
@pytest.mark.parametrize("shape", sorted(_BRACES))
def test_checking_crafted_braces_takes_time_in_proportion_to_their_number(tmp_path, shape):
    """Eight times the braces may take about eight times as long, never sixty-four: no
    pattern in rmo or docxtpl scans from every brace to the end of the document."""
    times = []
    for n in (5_000, 40_000):
        folder = tmp_path / str(n)
        folder.mkdir()
        times.append(_time_to_check(crafted(folder, in_body(_BRACES[shape](n)))))
    assert times[1] / times[0] < 20, times
