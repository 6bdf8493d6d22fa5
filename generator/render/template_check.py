"""What is wrong with a user's template, said in Russian with the text around the tag.

Templates come from Word, where a tag is easily broken: a brace lost, quotes turned into
«ёлочки», a field misspelt, a file saved under a Russian name. Jinja's own messages are in
English and point at a line of XML; a librarian needs the words of her document.
"""

from __future__ import annotations

import difflib
import html
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ..errors import Problem, warning
from ..russian.text import thousands
from .template_source import TemplateSource, readable

# A tag ends before the next one begins: scanning stays linear in the text, however many
# braces a crafted template holds.
_TAG = re.compile(r"\{\{(?:(?!\}\}|\{\{|\{%|\{#).)*\}\}|\{%(?:(?!%\}|\{\{|\{%|\{#).)*%\}"
                  r"|\{#(?:(?!#\}|\{#).)*#\}")
_MARKER = re.compile(r"\{\{|\}\}|\{%|%\}")
_WORD_QUOTES = re.compile("[«»“”„‘’]")
_AROUND = 40  # characters of text shown on each side of a tag
_LONGEST = 200  # characters of a tag shown at most

RETYPE = ("Наберите тег заново одним куском, с прямыми кавычками \"…\": поле пишется "
          "{{ имя }}, команда — {% … %}.")

# Jinja's syntax messages, in the words of a person who sees the document, not the parser.
_TOKENS = {"end of print statement": "}}", "end of statement block": "%}",
           "end of template": "конец шаблона", "name": "имя", "string": "текст в кавычках",
           "integer": "число", "operator": "знак"}


def _token(name: str) -> str:
    return _TOKENS.get(name, name)


_SYNTAX: list[tuple[re.Pattern[str], object]] = [
    (re.compile(r"innermost block that needs to be closed is '(\w+)'"),
     lambda m: f"команда {{% {m[1]} %}} не закрыта (нет парной {{% end{m[1]} %}})"),
    (re.compile(r"^unexpected end of template", re.I),
     lambda m: "тег не закончен: не хватает закрывающих скобок }} или %}"),
    (re.compile(r"^Encountered unknown tag 'end(\w+)'"),
     lambda m: f"лишняя команда {{% end{m[1]} %}} (открывающей {{% {m[1]} %}} перед ней нет)"),
    (re.compile(r"^Encountered unknown tag '(\w+)'"),
     lambda m: f"неизвестная команда «{m[1]}» в {{% … %}}"),
    (re.compile(r"^unexpected char '(.+?)'"),
     lambda m: f"непонятный знак «{m[1]}» внутри тега"),
    (re.compile(r"^expected token '(.+?)', got '(.+?)'"),
     lambda m: f"внутри тега ожидалось «{_token(m[1])}», а стоит «{_token(m[2])}»"),
    (re.compile(r"^unexpected '(.+?)'"),
     lambda m: f"лишний знак «{_token(m[1])}» внутри тега"),
]

_BLOCKS = ("for", "if", "macro", "call", "filter", "with", "block", "raw", "autoescape")
_STATEMENTS = {*_BLOCKS, *(f"end{word}" for word in _BLOCKS), "elif", "else", "set",
               "include", "import", "from", "extends", "break", "continue", "cellbg",
               "colspan", "hm", "vm"}


def syntax_message(message: str) -> str:
    """Jinja's syntax error in Russian; never the English original."""
    for pattern, say in _SYNTAX:
        found = pattern.search(message)
        if found:
            return say(found)  # type: ignore[operator]
    return "тег составлен неправильно"


def paragraphs(xml: str) -> list[str]:
    """The text of each paragraph of a part's XML, as a person reads it."""
    return [html.unescape(re.sub(r"<[^>]+>", "", chunk)) for chunk in xml.split("</w:p>")]


def around(text: str, start: int, end: int) -> str:
    """The piece of a paragraph from `start` to `end` with some text on either side; a
    very long piece (a crafted tag of a megabyte) is cut after its beginning."""
    if end - start > _LONGEST:
        left = max(0, start - _AROUND)
        return ("…" if left else "") + text[left:start + _LONGEST].strip() + "…"
    left, right = max(0, start - _AROUND), min(len(text), end + _AROUND)
    return (("…" if left else "") + text[left:right].strip()
            + ("…" if right < len(text) else ""))


def sources(document, patched: bool = True) -> list[str]:
    """The XML docxtpl renders: the body, then headers and footers; as Word has it, or with
    docxtpl's patches (tags split across runs joined)."""
    patch = document.patch_xml if patched else str
    try:
        found = [patch(document.get_xml())]
        for uri in (document.HEADER_URI, document.FOOTER_URI):
            for _, part in document.get_headers_footers(uri):
                found.append(patch(document.get_part_xml(part)))
    except Exception:  # noqa: BLE001 — only a hint for a message about a broken template
        return []
    return found


def shown(texts: Iterable[str]) -> Iterable[tuple[str, str, int]]:
    """Each paragraph's text, and what to show around a place in it with its offset there.
    A paragraph with little else than tags is shown after the text of the paragraph before
    («Методическая тема МО: {{ theme }}»), so that the place can be found in Word."""
    before = ""
    for text in texts:
        plain = _TAG.sub("", text).strip()
        if len(plain) < 15 and before:
            yield text, f"{before} {text}", len(before) + 1
        else:
            yield text, text, 0
        if plain:
            before = text.strip()[-_AROUND:]


def _tags(document) -> list[tuple[str, str, int, int]]:
    """Every tag as Word shows it, with the text to show around it and its place there."""
    found = []
    for xml in sources(document, patched=False):
        for text, context, shift in shown(paragraphs(xml)):
            for match in _TAG.finditer(text):
                found.append((match[0], context, match.start() + shift, match.end() + shift))
    return found


def _quote(text: str, start: int, end: int) -> str:
    return f"«{around(text, start, end)}»"


def broken_tag(document, environment) -> str:
    """The text around the first tag that is wrong by itself: Word's quotes in it, a field
    that does not parse, a command left open or closed twice, a tag begun and not ended."""
    from jinja2 import TemplateSyntaxError

    open_blocks: list[tuple[str, str, int, int]] = []
    for tag, text, start, end in _tags(document):
        if _WORD_QUOTES.search(tag):
            return _quote(text, start, end)
        if tag.startswith("{{"):
            try:
                environment.parse(tag)
            except TemplateSyntaxError:
                return _quote(text, start, end)
        elif tag.startswith("{%"):
            words = re.sub(r"^\{%-?\s*(?:p|tr|tc|r)?\s", " ", tag[:-2]).split() or [""]
            word = words[0].lstrip("-")
            if word not in _STATEMENTS:
                return _quote(text, start, end)
            if word in _BLOCKS:
                open_blocks.append((word, text, start, end))
            elif word.startswith("end"):
                if not open_blocks:
                    return _quote(text, start, end)
                if open_blocks[-1][0] != word[3:]:
                    _, text, start, end = open_blocks[-1]
                    return _quote(text, start, end)
                open_blocks.pop()
    if open_blocks:
        _, text, start, end = open_blocks[-1]
        return _quote(text, start, end)
    return unclosed(document)


def unclosed(document) -> str:
    """The text around a tag begun and not ended before the next one begins («{{ theme }»
    with a brace lost): Jinja would swallow the text up to the next tag without a word."""
    opener = re.compile(r"\{\{|\{%")
    for xml in sources(document, patched=False):
        lines = list(shown(paragraphs(xml)))
        flat = "\n".join(text for text, _, _ in lines)
        position = 0
        while (begun := opener.search(flat, position)) is not None:
            closer = "}}" if begun[0] == "{{" else "%}"
            end = flat.find(closer, begun.end())
            following = opener.search(flat, begun.end())
            if end < 0 or (following is not None and following.start() < end):
                index = flat.count("\n", 0, begun.start())
                text, context, shift = lines[index]
                start = begun.start() - (flat.rfind("\n", 0, begun.start()) + 1) + shift
                return _quote(context, start, min(len(context), start + 20))
            position = end + 2
    return ""


def tag_with(document, pattern: str) -> str:
    """The text around the first tag that holds this pattern."""
    for tag, text, start, end in _tags(document):
        if re.search(pattern, tag):
            return _quote(text, start, end)
    return ""


def place(document, line: str, pattern: str) -> str:
    """The text around the tag a refusal is about: the tag of that line of the template's
    XML that matches the pattern, as Word shows it; else the first such tag anywhere."""
    tags = [match[0] for match in _TAG.finditer(line)]
    chosen = next((tag for tag in tags if re.search(pattern, tag)),
                  tags[0] if len(tags) == 1 else "")
    if chosen:
        for tag, text, start, end in _tags(document):
            if _plain(tag) == _plain(chosen):
                return _quote(text, start, end)
    return tag_with(document, pattern)


def _plain(tag: str) -> str:
    """A tag as Jinja reads it: without docxtpl's «p», «tr» and Word's quotes and spacing."""
    tag = re.sub(r"^(\{[{%#])-?(?:p|tr|tc|r)?\s", r"\1 ", tag)
    tag = re.sub("[“”„«»]", '"', re.sub("[‘’]", "'", tag))
    return " ".join(re.sub(r"-?([}%#]\})$", r" \1", tag).split())


def undefined_message(error, document, names: Iterable[str]) -> tuple[str, str]:
    """A field the program does not know: its name, where it stands, and a close name."""
    message = error.message or ""
    found = re.match(r"'(.+?)' is undefined", message)
    attribute = re.search(r"has no (?:attribute|element) '?(.+?)'?$", message)
    name = found[1] if found else attribute[1] if attribute else ""
    where = ""
    if name:
        quoted = tag_with(document, rf"(?<![\w.]){re.escape(name)}\b" if found
                          else rf"[.\[]['\"]?{re.escape(name)}\b")
        where = f" — в тексте {quoted}" if quoted else ""
    if found:
        what = f"поле «{name}» программа не знает{where}."
        close = difflib.get_close_matches(name, list(names), 1)
        fix = (f"Может быть, «{close[0]}»? " if close else "") + \
            "Исправьте имя в фигурных скобках так, как оно написано во встроенном шаблоне."
    else:
        what = f"у поля нет части «{name}»{where}." if name else \
            f"в шаблоне есть поле, которого программа не знает{where}."
        fix = "Исправьте имя в фигурных скобках так, как оно написано во встроенном шаблоне."
    return what, fix


def stray(document) -> str:
    """The text around a `{{`, `}}`, `{%` or `%}` outside every tag of the template: a tag
    Word broke (a lost brace makes it plain text), which every document would print. Only
    the template is read: text from the workbook is printed as typed and never counts."""
    for xml in sources(document, patched=False):
        for text, around, shift in shown(paragraphs(xml)):
            if not _MARKER.search(text):
                continue
            found = _MARKER.search(_TAG.sub(lambda tag: " " * len(tag[0]), text))
            if found:
                return _quote(around, found.start() + shift, found.end() + shift)
    return ""


def unused_files(folder: Path, used: Sequence[str],
                 words: Mapping[str, str] | None = None) -> tuple[Problem, ...]:
    """A warning for each file of a templates folder that rmo does not read.

    `used` are the template names rmo reads; `words` maps a Russian word for a kind
    («протокол») to its template, to guess what «Протокол.docx» was meant to be.
    """
    if not folder.is_dir():
        return ()
    names = ", ".join(used)
    found = []
    for path in sorted(folder.iterdir()):
        if path.name in used or path.name.startswith((".", "~$")) or not path.is_file():
            continue
        guess = _guess(path, used, words or {})
        if guess and path.suffix.lower() != ".docx":
            fix = (f"Шаблон должен быть документом Word: откройте «{path.name}» в Word и "
                   f"сохраните как {guess}.")
        elif guess:
            fix = f"Если это шаблон, переименуйте файл в {guess}."
        else:
            fix = "Если это шаблон, дайте файлу одно из этих имён."
        found.append(warning(
            f"В папке шаблонов «{folder}» файл «{path.name}» программа не использует: она "
            f"читает только {names}, а для остальных документов берёт встроенные шаблоны.",
            fix=fix))
    return tuple(found)


def _guess(path: Path, used: Sequence[str], words: Mapping[str, str]) -> str:
    stem = path.stem.casefold()
    for word, template in words.items():
        if stem == word.casefold() or stem.startswith(word.casefold()[:5]):
            return template
    by_stem = {Path(name).stem.casefold(): name for name in used}
    close = difflib.get_close_matches(stem, list(by_stem), 1, 0.6)
    return by_stem[close[0]] if close else ""


def fields(template: TemplateSource) -> frozenset[str]:
    """The names a template asks the program for ({{ theme }}, {% for p in people %})."""
    from docxtpl import DocxTemplate

    return frozenset(DocxTemplate(readable(template)).get_undeclared_template_variables())


def closer_kind(candidate: TemplateSource, expected: str, builtins: Mapping[str, Path]) -> str:
    """The built-in template whose fields the candidate's resemble more than those of the
    template it was given as (a protocol uploaded as the plan), or "" when it is not so."""
    def likeness(a: frozenset[str], b: frozenset[str]) -> float:
        return len(a & b) / len(a | b) if a | b else 0.0

    own = fields(candidate)
    scores = {name: likeness(own, fields(path)) for name, path in builtins.items()}
    best = max(scores, key=scores.__getitem__)
    if best != expected and scores[best] >= 0.6 and scores[best] > scores.get(expected, 0):
        return best
    return ""


# What each kind of outside link is, and what to do instead, for the head who sees it.
_LINKS = {
    "image": ("картинка, вставленная ссылкой на", "Вставьте картинку в шаблон целиком "
              "(Вставка → Рисунки, без «Связать с файлом») и загрузите шаблон снова."),
    "hyperlink": ("гиперссылка на", "Удалите гиперссылку (правая кнопка мыши → «Удалить "
                  "гиперссылку»): адрес можно оставить простым текстом."),
    "attachedTemplate": ("присоединённый шаблон", "В Word: Разработчик → Шаблон документа — "
                         "сотрите имя присоединённого шаблона, сохраните и загрузите снова."),
    "subDocument": ("вложенный документ", "Вставьте текст вложенного документа в сам шаблон."),
    "oleObject": ("объект, связанный с файлом", "Вставьте объект в шаблон целиком, без связи "
                  "с файлом, или удалите его."),
}
_FIELD_FIX = ("Удалите поле (Alt+F9 показывает коды полей) и вставьте нужное прямо в "
              "шаблон.")


# A built-in template has up to 200 braces; each tag costs Jinja compiled code (100 000 tags
# took 12 s and 1 GB), so a template holds at most this many.
MAX_BRACES = 6000


def check_package(path: TemplateSource, links: bool = False) -> list:
    """The limits of a template file, at upload and at build: its zip (size, compression,
    parts, DTD) and the number of its braces, before python-docx or Jinja reads it; with
    `links`, the links it holds to the outside (ooxml.Link)."""
    from .. import ooxml
    from ..errors import RmoError, problem

    with _package(path) as archive:
        ooxml.check_package(archive, path.name, ooxml.TEMPLATE)
        braces = sum(archive.read(info).count(b"{") for info in archive.infolist()
                     if info.filename.startswith("word/") and info.filename.endswith(".xml"))
        if braces > MAX_BRACES:
            raise RmoError([problem(
                f"Шаблон «{path.name}»: фигурных скобок в нём {thousands(braces)}, а в шаблоне "
                f"документа их бывает не больше {thousands(MAX_BRACES)}. Файл не прочитан.",
                fix="Проверьте, тот ли файл выбран: в шаблоне нужны только теги встроенного "
                    "шаблона и ваш текст.")])
        return ooxml.outside_links(archive) if links else []


def _package(template: TemplateSource) -> zipfile.ZipFile:
    """The template's zip, opened once the number of parts it declares is sane."""
    from .. import ooxml

    if isinstance(template, Path):
        return ooxml.open_package(template, ooxml.TEMPLATE)
    refusal = ooxml.too_many_parts(template.name, ooxml.declared_parts(template.data),
                                   ooxml.TEMPLATE)
    if refusal is not None:
        raise refusal
    return zipfile.ZipFile(io.BytesIO(template.data))


def check_file(path: TemplateSource) -> None:
    """Refuse an uploaded template before it is parsed: too big, too compressed, of too many
    parts or braces, with a DTD, or reaching outside itself — a picture or a text fetched from
    an address or a file, which LibreOffice would fetch on the server when making a PDF."""
    from ..errors import RmoError, problem

    links = check_package(path, links=True)
    if not links:
        return
    link = links[0]
    target = link.target if len(link.target) <= 80 else link.target[:79] + "…"
    if link.part.endswith(".rels"):
        what, fix = _LINKS.get(link.kind, ("ссылка на", "Удалите ссылку и загрузите шаблон "
                                           "снова."))
        said = f"в нём {what} «{target}»"
    elif link.kind:
        said, fix = f"в нём поле {link.kind}, которое берёт содержимое из «{target}»", _FIELD_FIX
    else:
        said, fix = f"в нём поле Word, код которого составляет тег: «{target}»", _FIELD_FIX
    raise RmoError([problem(
        f"Шаблон «{path.name}»: {said}. Шаблоны со ссылками на другие файлы и адреса не "
        "принимаются: программа ничего не загружает ни при сборке, ни при PDF.", fix=fix)])
