"""Russian text helpers shared by every document: cleaning, plurals, dates, names, typography."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"

# The months in the cases rmo reads and writes, declared once: «декабрь» (a period of the
# plan), «20 декабря» (a date in words), «в декабре».
MONTHS = (
    ("январь", "января", "январе"), ("февраль", "февраля", "феврале"), ("март", "марта", "марте"),
    ("апрель", "апреля", "апреле"), ("май", "мая", "мае"), ("июнь", "июня", "июне"),
    ("июль", "июля", "июле"), ("август", "августа", "августе"),
    ("сентябрь", "сентября", "сентябре"), ("октябрь", "октября", "октябре"),
    ("ноябрь", "ноября", "ноябре"), ("декабрь", "декабря", "декабре"),
)
MONTH_NAMES = tuple(nominative for nominative, _, _ in MONTHS)
_GENITIVE = tuple(genitive for _, genitive, _ in MONTHS)
# A month's name in any of those cases, written with a capital: «Декабрь», «Мая».
_CAPITAL_MONTH = re.compile(r"\b({})\b".format("|".join(
    sorted({form.capitalize() for forms in MONTHS for form in forms}, key=len, reverse=True))))

# Excel stores characters it cannot put in XML as _xHHHH_; openpyxl leaves them as they are.
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Spaces that look like a space to a person but are not one.
_ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
# Control characters (XML-illegal, or a vertical tab Excel uses for Alt+Enter in old files).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(value: str) -> str:
    """Clean one cell's text once, where it is read.

    Decodes Excel's _xHHHH_ escapes, turns vertical tabs and CR/LF into plain line breaks,
    folds odd spaces, drops invisible and XML-illegal characters, trims every line and drops
    blank lines at the ends.
    """
    text = _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = _ODD_SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = _BIDI.sub("", text)
    text = _CONTROL.sub("", text)
    lines = [re.sub(r" {2,}", " ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def lines(text: str) -> list[str]:
    """The non-empty lines of a cell."""
    return [line for line in text.split("\n") if line]


def normalize_key(text: str) -> str:
    """A header, parameter or list value as it is compared: case, ё, spaces and a colon aside."""
    text = clean(text).lower().replace("ё", "е").replace("\n", " ")
    return re.sub(r"\s+", " ", text).strip().rstrip(":").strip()


# --- numbers -------------------------------------------------------------------------

def singular(n: int) -> bool:
    """Whether words agree with n in the singular: 1, 21, 101 — not 11."""
    n = abs(n)
    return n % 10 == 1 and n % 100 != 11


def plural(n: int, one: str, few: str, many: str) -> str:
    """The form of a noun after the number n: 1 заседание, 2 заседания, 5 заседаний."""
    n = abs(n)
    if singular(n):
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def count(n: int, one: str, few: str, many: str) -> str:
    """The number with its noun: «3 заседания»."""
    return f"{n}{NBSP}{plural(n, one, few, many)}"


def people_count(n: int) -> str:
    """«8 человек», «3 человека»: how the minutes and the analysis count people."""
    return count(n, "человек", "человека", "человек")


def round_half_up(value: float | Decimal) -> int:
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def share(part: int, whole: int) -> int:
    """A whole percentage, rounded half up; 0 of nothing is 0."""
    if whole == 0:
        return 0
    return round_half_up(Decimal(part) * 100 / Decimal(whole))


def percent(value: int) -> str:
    """A percentage as Russian typography writes it: «86 %» with a non-breaking space."""
    return f"{value}{NBSP}%"


def number(value: float) -> str:
    """A number without a trailing «.0»: 36 rather than 36.0, 1,5 with a decimal comma."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}".replace(".", ",")


def thousands(value: int) -> str:
    """«10 000», «1 000 000»: thousands set apart by a space, as Russian text writes them."""
    return f"{value:,}".replace(",", " ")


# --- dates ---------------------------------------------------------------------------

def date_numeric(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


# The forms people type a date in: 14.10.2025, 14.10.25, 14/10/2025, 2025-10-14,
# 14 октября 2025 — each with «г.» or «года» after it or not.
_YEAR_WORD = r"(?:\s*(?:г\.?|года?\.?))?"
_DAY_FIRST = re.compile(rf"(\d{{1,2}})[./-](\d{{1,2}})[./-](\d{{2}}|\d{{4}}){_YEAR_WORD}")
_YEAR_FIRST = re.compile(rf"(\d{{4}})[-.](\d{{1,2}})[-.](\d{{1,2}}){_YEAR_WORD}")
_IN_WORDS = re.compile(rf"(\d{{1,2}})\s+([а-яё]+)\s+(\d{{4}}){_YEAR_WORD}", re.IGNORECASE)


def date_parts(raw: str) -> tuple[int, int, int] | None:
    """Year, month and day of a date typed as text, not yet checked to exist (31.02.2026
    has parts); None when the text is not written as a date at all."""
    raw = raw.strip()
    if match := _DAY_FIRST.fullmatch(raw):
        day, month, year = (int(g) for g in match.groups())
        return (year + 2000 if year < 100 else year), month, day
    if match := _YEAR_FIRST.fullmatch(raw):
        year, month, day = (int(g) for g in match.groups())
        return year, month, day
    if match := _IN_WORDS.fullmatch(raw):
        name = match[2].lower().replace("ё", "е")
        if name in _GENITIVE:
            return int(match[3]), _GENITIVE.index(name) + 1, int(match[1])
    return None


def parse_date(raw: str) -> dt.date | None:
    """The date of a text in any of the forms above; None when it is none or does not exist."""
    parts = date_parts(raw)
    if parts is None:
        return None
    try:
        return dt.date(*parts)
    except ValueError:
        return None


# --- people --------------------------------------------------------------------------

def sort_key(name: str) -> str:
    """Russian alphabetical order: ё sorts with е, not after я."""
    return name.lower().replace("ё", "е")


_INITIALS_FORM = re.compile(r"^(?P<surname>[^\s,.]+)[\s,]*(?P<i1>\w)\.\s*(?:(?P<i2>\w)\.?)?$")


def split_name(name: str) -> tuple[str, str]:
    """Surname and initials («Р.В.») of «Мазеева Р.В.», «Мазеева, Р. В.» or a full name."""
    name = name.strip()
    match = _INITIALS_FORM.match(name)
    if match:
        initials = match["i1"].upper() + "." + (match["i2"].upper() + "." if match["i2"] else "")
        return match["surname"], initials
    parts = name.replace(",", " ").split()
    if len(parts) == 1:
        return parts[0], ""
    initials = "".join(part[0].upper() + "." for part in parts[1:3])
    return parts[0], initials


def full_name_parts(name: str) -> tuple[str, str, str] | None:
    """Surname, first name and patronymic («» if none) of a name written out in full;
    None for a name with initials. The one rule for what a full name is."""
    words = name.replace(",", " ").split()
    if "." in name or len(words) < 2:
        return None
    return words[0], words[1], " ".join(words[2:])


def person_key(name: str) -> str:
    """How a person's name is matched across sheets: «Мазеева Р. В.» is «мазеева р.в.»;
    a full name with a patronymic stays a full name."""
    parts = full_name_parts(clean(name))
    if parts is not None and parts[2]:
        return normalize_key(name)
    surname, initials = split_name(clean(name))
    return normalize_key(f"{surname} {initials}")


def surname_first(name: str) -> str:
    """«Мазеева Р.В.»: the form of lists."""
    surname, initials = split_name(name)
    return f"{surname}{NBSP}{initials}" if initials else surname


def initials_first(name: str) -> str:
    """«Р.В. Мазеева»: the form of signatures."""
    surname, initials = split_name(name)
    return f"{initials}{NBSP}{surname}" if initials else surname


# --- typography ----------------------------------------------------------------------

_NUMBER_SIGN = re.compile(r"(?P<before>(?<=\S)[ \t]*)?№[ \t]*(?=\S)")
_STRAIGHT_QUOTES = re.compile(r'"([^"\n]*)"')
_INNER_QUOTES = re.compile("„([^„“«»\n]*)“")
_MIXED_OPEN = re.compile(r'(^|[\s(\[])[\"“„](?=\S)')
_MIXED_CLOSE = re.compile(r'(?<=\S)[\"“”](?=$|[\s.,;:!?)\]»])')


# «п. Сорум», «с. Казым», «г. Урай», «им. А.И. Яковлева»: the word after the abbreviation is
# a name, so it starts with a capital letter (a digit after «с.» is a page: «с. 5»).
_ABBREVIATION = re.compile(r"(?<![\w.])(п|с|г|им|пгт|д|ст|ул|пос)\.[ \t]*(?=[А-ЯЁA-Z0-9«])")
_INITIALS_BEFORE = re.compile(r"(?<![\w.])([А-ЯЁ])\.[ ]?([А-ЯЁ])\.[ ]+(?=[А-ЯЁ][а-яё])")
_INITIALS_AFTER = re.compile(r"(?<=[а-яё])[ ]+([А-ЯЁ])\.[ ]?([А-ЯЁ])\.(?![\w])")
# A dash between words: one style, the en dash «–» of the seed plan, with spaces.
_DASH = re.compile(r"(?<=\S)[ \u00a0]+[—–-]{1,2} +(?=\S)")
# «5 классе», «10 членов», «72 часа»: a small number stays with the word it counts (not a
# year, a date or a decimal).
_NUMBER_NOUN = re.compile(r"(?<![\d.,:/])(?<!№\u00a0)(\d{1,3}) (?=[а-яё])")


def typography(text: str) -> str:
    """Russian typography for text typed in Excel: «ёлочки», «№ 3», «п. Сорум», «А.И. Яковлева»
    with non-breaking spaces where a line must not break, and one dash style « – ».

    ё and everything else are kept as the user typed them.
    """
    # „лапки“ inside «ёлочки» are already right: kept out of the quote repairs below.
    text = _INNER_QUOTES.sub(lambda m: f"\x01{m.group(1)}\x02", text)
    text = _STRAIGHT_QUOTES.sub(r"«\1»", text)
    text = _MIXED_OPEN.sub(r"\1«", text)
    text = _MIXED_CLOSE.sub("»", text)
    text = text.replace("\x01", "„").replace("\x02", "“")
    text = _NUMBER_SIGN.sub(lambda m: (NBSP if m["before"] is not None else "") + "№" + NBSP,
                            text)
    text = _ABBREVIATION.sub(lambda m: m.group(1) + "." + NBSP, text)
    text = _INITIALS_BEFORE.sub(lambda m: f"{m.group(1)}.{m.group(2)}.{NBSP}", text)
    text = _INITIALS_AFTER.sub(lambda m: f"{NBSP}{m.group(1)}.{m.group(2)}.", text)
    # A dash never starts a line («Декабрь – январь» never leaves «– январь» alone).
    text = _DASH.sub(f"{NBSP}– ", text)
    text = _NUMBER_NOUN.sub(lambda m: m.group(1) + NBSP, text)
    return nested_quotes(text)


def nested_quotes(text: str) -> str:
    """A quotation inside a quotation in „лапках“: «Издательство „Просвещение“»."""
    if text.count("«") < 2:
        return text
    out = []
    depth = 0
    for char in text:
        if char == "«":
            out.append("«" if depth == 0 else "„")
            depth += 1
        elif char == "»" and depth > 0:
            depth -= 1
            out.append("»" if depth == 0 else "“")
        else:
            out.append(char)
    return "".join(out)


def sentence(text: str) -> str:
    """Text that ends as a sentence: a full stop added unless it ends with punctuation."""
    text = text.rstrip()
    if not text or text[-1] in ".!?…":
        return text
    return text + "."


def strip_numbering(text: str) -> str:
    """Drop numbering typed by hand («1.», «2)»): documents number their items themselves."""
    stripped = re.sub(r"^\s*\d{1,2}\s*[.)]\s*", "", text)
    return stripped or text  # «1.» alone is the text itself, not numbering


def lower_months(text: str) -> str:
    """«Декабрь – январь» → «декабрь – январь»: month names are written in lower case."""
    return _CAPITAL_MONTH.sub(lambda m: m.group(0).lower(), text)
