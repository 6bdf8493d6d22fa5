"""Workbooks of N associations of one district, made from the sample and varied.

For the timing of `rmo summary` (bench/summary.py) and for the centre server's load benchmark:
each association gets its own subject, head, members, schools, attendance, participation and
conclusions; some held fewer meetings (one cancelled, or the year not finished yet). The same N
gives the same workbooks.

The sample is edited by header name (not by column position), so the workbooks follow the
sample when its columns change. Run alone:  python bench/associations.py N FOLDER
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "rmo-2025-2026.xlsx"

SUBJECTS = [
    "школьных библиотекарей", "учителей начальных классов", "учителей русского языка и "
    "литературы", "учителей математики", "учителей физики", "учителей химии",
    "учителей биологии", "учителей географии", "учителей истории и обществознания",
    "учителей английского языка", "учителей немецкого языка", "учителей информатики",
    "учителей физической культуры", "преподавателей-организаторов ОБЗР", "учителей музыки",
    "учителей изобразительного искусства", "учителей технологии", "педагогов-психологов",
    "социальных педагогов", "учителей-логопедов и дефектологов",
    "заместителей директоров по учебной работе", "заместителей директоров по воспитательной "
    "работе", "классных руководителей", "педагогов дополнительного образования",
    "воспитателей групп продлённого дня", "учителей хантыйского языка", "учителей ОРКСЭ и ОДНКНР",
    "молодых педагогов", "советников директоров по воспитанию", "учителей астрономии",
]
SURNAMES = [
    "Абрамова", "Белова", "Васильева", "Григорьева", "Дмитриева", "Егорова", "Жукова",
    "Зайцева", "Ильина", "Кузнецова", "Лебедева", "Морозова", "Никитина", "Орлова", "Павлова",
    "Романова", "Соколова", "Тарасова", "Ульянова", "Фёдорова", "Харитонова", "Цветкова",
    "Чернова", "Шубина", "Щукина", "Юдина", "Яковлева", "Андреев", "Борисов", "Волков",
    "Гусев", "Денисов", "Ершов", "Захаров", "Исаев", "Калинин", "Логинов", "Макаров",
]
INITIALS = "АВГДЕИКЛМНОПРСТЮ"
SCHOOLS = [
    "СОШ № 1", "СОШ № 2", "СОШ № 3", "СОШ № 4", "СОШ п. Сорум", "СОШ с. Казым",
    "СОШ п. Верхнеказымский", "СОШ п. Лыхма", "СОШ п. Сосновка", "СОШ с. Полноват",
    "СОШ с. Ванзеват", "НОШ п. Сосновка", "Гимназия г. Белоярский", "ЦДО «Мир»",
]
POSITIONS = ["учитель", "учитель", "учитель", "педагог-библиотекарь", "педагог-психолог",
             "методист"]
EVENTS = {
    "конкурс": ["Конкурс «Педагог года»", "Конкурс методических разработок",
                "Конкурс «Лучший урок»"],
    "конференция": ["Конференция «Современное образование»",
                    "Конференция «Функциональная грамотность»"],
    "семинар": ["Районный семинар «Обновлённые ФГОС»", "Семинар «Наставничество в школе»"],
    "вебинар": ["Вебинар «Цифровые сервисы в работе педагога»",
                "Вебинар «Читательская грамотность»"],
    "мастер-класс": ["Мастер-класс «Приёмы смыслового чтения»"],
    "открытое мероприятие": ["Открытый урок для педагогов района"],
    "курсы повышения квалификации": ["Курсы «Реализация обновлённых ФГОС»",
                                     "Курсы «Цифровая образовательная среда»"],
    "публикация": ["Публикация в сборнике «Педагогический поиск»"],
}
LEVELS = ["школьный", "муниципальный", "муниципальный", "региональный", "всероссийский",
          "международный"]
CONTEST_RESULTS = ["участник", "участник", "лауреат", "призёр", "победитель"]
OTHER_RESULTS = ["участник", "сертификат", "диплом"]
ABSENT = ["-", "болезнь", "курсы ПК", "отпуск"]
CONCLUSIONS = [
    "Работа {name} в 2025/2026 учебном году проведена в соответствии с планом.",
    "Поставленные задачи в основном выполнены; опыт коллег обсуждался и рекомендован к "
    "использованию.",
    "Заседания проходили в очной и дистанционной форме, посещаемость стабильная.",
    "Активнее стало участие педагогов в конкурсах муниципального и регионального уровня.",
    "Не все члены объединения выступили с опытом работы; задача переносится на следующий год.",
]


def _columns(sheet) -> dict[str, int]:
    return {str(c.value).strip(): c.column for c in sheet[1] if c.value is not None}


def _rewrite(sheet, rows: list[dict]) -> None:
    """Replace the data rows of a table sheet; each row names its columns by header."""
    columns = _columns(sheet)
    sheet.delete_rows(2, sheet.max_row)
    for r, values in enumerate(rows, start=2):
        for header, value in values.items():
            cell = sheet.cell(r, columns[header], value)
            if isinstance(value, dt.date):
                cell.number_format = "DD.MM.YYYY"


def association(book, index: int, scale: float = 1.0) -> dict:
    """Vary the sample (an openpyxl book) into association № index; return its figures."""
    rng = random.Random(index)
    name = "РМО " + SUBJECTS[index % len(SUBJECTS)]
    if index >= len(SUBJECTS):
        name += f" (группа {index // len(SUBJECTS) + 1})"
    size = max(3, round(rng.randint(6, 18) * scale))
    people = []
    used: set[str] = set()
    while len(people) < size:
        person = f"{rng.choice(SURNAMES)} {rng.choice(INITIALS)}.{rng.choice(INITIALS)}."
        if person not in used:
            used.add(person)
            people.append(person)
    head, secretary = people[0], people[1]  # both must be on «Участники», as in the sample
    schools = rng.sample(SCHOOLS, k=min(len(SCHOOLS), max(2, size // 2 + rng.randint(0, 3))))
    roster = [{"ФИО": head, "Должность": "методист", "Учреждение": "МАУ «БМЦ»",
               "Статус": "член РМО"}]
    roster += [{"ФИО": p, "Должность": rng.choice(POSITIONS), "Учреждение": rng.choice(schools),
                "Статус": "член РМО"} for p in people[1:]]
    guest = "Щербинина С.П."
    roster.append({"ФИО": guest, "Должность": "региональный менеджер",
                   "Учреждение": "АО «Просвещение» ХМАО", "Статус": "приглашённый"})

    settings = book["Объединение"]
    for row in settings.iter_rows(min_row=2):
        if row[0].value == "Название":
            row[1].value = name
        elif row[0].value == "Руководитель":
            row[1].value = head
        elif row[0].value == "Секретарь":
            row[1].value = secretary
        elif row[0].value == "Полное название":
            row[1].value = "Районное методическое объединение " + name.removeprefix("РМО ")
    _rewrite(book["Участники"], roster)

    # Meetings: most held all three; some cancelled one, some have not held the last yet.
    meetings = book["Заседания"]
    columns = _columns(meetings)
    fate = rng.random()
    held = []
    for row in meetings.iter_rows(min_row=2):
        number = row[columns["№"] - 1].value
        if number is None:
            continue
        date_cell = row[columns["Дата"] - 1]
        if number == 2 and fate < 0.12:
            date_cell.value = None
            row[columns["Статус"] - 1].value = "отменено: карантин по ОРВИ"
        elif number == 3 and 0.12 <= fate < 0.27:
            date_cell.value = None  # the year is not over for this one
        else:
            date_cell.value = dt.date(2025 + (number > 1), (10, 2, 4)[number - 1],
                                      rng.randint(10, 28))
            held.append(number)

    # Speakers: the sample's members give way to this association's, in turn.
    agenda = book["Повестка"]
    column = _columns(agenda)["Докладчики"]
    turn = iter(range(10_000))
    for row in agenda.iter_rows(min_row=2):
        cell = row[column - 1]
        if cell.value:
            cell.value = "; ".join(guest if n.strip() == guest else
                                   people[next(turn) % len(people)]
                                   for n in str(cell.value).split(";"))

    presence = rng.uniform(0.6, 0.97)
    marks = [{"ФИО": p, **{str(n): ("+" if rng.random() < presence else rng.choice(ABSENT))
                           for n in held}} for p in people]
    marks.append({"ФИО": guest, **({"1": "+"} if 1 in held else {})})
    _rewrite(book["Посещаемость"], marks)

    entries = []
    for _ in range(rng.randint(0, round(size * 1.2))):
        kind = rng.choice(list(EVENTS))
        courses = kind == "курсы повышения квалификации"
        entries.append({
            "ФИО": rng.choice(people), "Мероприятие": rng.choice(EVENTS[kind]), "Вид": kind,
            "Уровень": "региональный" if courses else rng.choice(LEVELS),
            "Результат": "удостоверение" if courses else rng.choice(
                CONTEST_RESULTS if kind == "конкурс" else OTHER_RESULTS),
            "Дата": dt.date(2026, rng.randint(1, 4), rng.randint(1, 28)),
            "Часы": rng.choice((16, 24, 36, 72)) if courses else None,
        })
    _rewrite(book["Участие"], entries)

    summary = book["Итоги"]
    if rng.random() < 0.1:
        rows = []  # a head who wrote no conclusions: the summary says so
    else:
        chosen = [CONCLUSIONS[0], *rng.sample(CONCLUSIONS[1:], k=rng.randint(1, 3))]
        rows = [{"Раздел": "Выводы", "Текст": text.format(name=name)} for text in chosen]
    rows.append({"Раздел": "Проблемы", "Текст": "Не все педагоги участвуют в конкурсах."})
    _rewrite(summary, rows)
    return {"name": name, "members": size, "held": len(held), "participation": len(entries)}


def write_associations(count: int, folder: Path, scale: float = 1.0) -> list[Path]:
    """Write `count` varied workbooks into folder; return their paths."""
    from openpyxl import load_workbook

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        book = load_workbook(SAMPLE)
        association(book, index, scale)
        path = folder / f"rmo-{index + 1:03d}.xlsx"
        book.save(path)
        paths.append(path)
    return paths


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("Запуск: python bench/associations.py N ПАПКА")
    for written in write_associations(int(sys.argv[1]), Path(sys.argv[2])):
        print(written)
