"""A three-year archive of an association of its own, for the person's record (issue 22):
chemistry and biology teachers of Советский район, 2023/2024 to 2025/2026. Тарасов speaks
every year; Белова moves from СОШ № 3 to the gymnasium and changes her post; Кравченко О.П. has
initials only (the gender cannot be told); two Смирновы share the initials Е.П.; the head's
surname has «ё»; in the second year meeting 2 is cancelled, in the third an item of Тарасов is
withdrawn.

Write the books to look at them: python -m tests.chemistry_sample /tmp/chemistry
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from generator.documents.kinds import parse_only

from .second_sample import save_book

NAME = "РМО учителей химии и биологии Советского района"
HEAD = "Ковалёва Наталья Сергеевна"
SIGNER = "Начальник управления образования Т.В. Савельева"
NOTED = "Информацию принять к сведению."

# Name, position, institution, status, sex — in each year (start of the school year).
PEOPLE = {
    2023: [
        (HEAD, "учитель химии", "МБОУ «СОШ № 1» г. Советский", None, None),
        ("Тарасов Виктор Андреевич", "учитель химии", "МБОУ «СОШ № 2» г. Советский", None,
         None),
        ("Белова Ирина Николаевна", "учитель биологии", "МБОУ «СОШ № 3» г. Советский", None,
         None),
        ("Смирнова Елена Павловна", "учитель биологии", "МБОУ «СОШ № 5» г. Советский", None,
         None),
        ("Лукин Денис Олегович", "доцент кафедры химии", "Югорский государственный "
         "университет", "приглашённый", None),
    ],
    2024: [
        (HEAD, "учитель химии", "МБОУ «СОШ № 1» г. Советский", None, None),
        ("Тарасов Виктор Андреевич", "учитель химии", "МБОУ «СОШ № 2» г. Советский", None,
         None),
        ("Белова Ирина Николаевна", "учитель биологии и химии", "МБОУ «Гимназия» "
         "г. Советский", None, None),
        ("Смирнова Елена Павловна", "учитель биологии", "МБОУ «СОШ № 5» г. Советский", None,
         None),
        ("Кравченко О.П.", "учитель химии", "МБОУ «СОШ № 4» г. Советский", None, None),
    ],
    2025: [
        (HEAD, "учитель химии", "МБОУ «СОШ № 1» г. Советский", None, None),
        ("Тарасов Виктор Андреевич", "учитель химии", "МБОУ «СОШ № 2» г. Советский", None,
         None),
        ("Белова Ирина Николаевна", "учитель биологии и химии", "МБОУ «Гимназия» "
         "г. Советский", None, None),
        ("Смирнова Елена Павловна", "учитель биологии", "МБОУ «СОШ № 5» г. Советский", None,
         None),
        ("Смирнова Екатерина Петровна", "учитель химии", "МБОУ «Лицей» г. Советский", None,
         None),
        ("Кравченко О.П.", "учитель химии", "МБОУ «СОШ № 4» г. Советский", None, None),
    ],
}

# №, period, date, place, status, form.
MEETINGS = {
    2023: [(1, "Сентябрь", dt.date(2023, 9, 27), None, None, None),
           (2, "Декабрь", dt.date(2023, 12, 13), None, None, None),
           (3, "Февраль", dt.date(2024, 2, 21), None, None, None),
           (4, "Апрель", dt.date(2024, 4, 17), None, None, None)],
    2024: [(1, "Сентябрь", dt.date(2024, 9, 25), None, None, None),
           (2, "Декабрь", None, None, "отменено: карантин по гриппу", None),
           (3, "Март", dt.date(2025, 3, 19), None, None, None)],
    2025: [(1, "Сентябрь", dt.date(2025, 9, 24), None, None, None),
           (2, "Ноябрь", dt.date(2025, 11, 26), None, None, None),
           (3, "Февраль", dt.date(2026, 2, 18), None, None, None),
           (4, "Апрель", dt.date(2026, 4, 22), None, None, None)],
}

# Meeting, text, speakers, responsible, heard, decided, given, kind, vote.
AGENDA = {
    2023: [
        (1, "Утверждение плана работы РМО на 2023/2024 учебный год", None, "Руководитель РМО",
         None, "Утвердить план работы.", None, None, None),
        (1, "Доклад «Химический эксперимент в 8 классе»", "Тарасов Виктор Андреевич", None,
         None, NOTED, None, None, None),
        (2, "Мастер-класс «Экосистема пришкольного участка»", "Белова Ирина Николаевна", None,
         None, NOTED, None, None, None),
        (3, "Сообщение «Лабораторный практикум по биологии»", "Смирнова Елена Павловна", None,
         None, NOTED, None, None, None),
        (4, "Подведение итогов года", None, "Руководитель РМО", None,
         "Работу РМО признать удовлетворительной.", None, None, None),
    ],
    2024: [
        (1, "Открытый урок «Кислоты и основания»", "Тарасов Виктор Андреевич", None, None,
         NOTED, None, None, None),
        (1, "Выступление по теме «Проектная работа по химии»", "Кравченко О.П.", None, None,
         NOTED, None, None, None),
        (2, "Сообщение «ВПР по биологии»", "Смирнова Елена Павловна", None, None, None, None,
         None, None),
        (3, "Методическая консультация по подготовке к ОГЭ по химии",
         "Тарасов Виктор Андреевич", None, None, NOTED, None, None, None),
        (3, "Доклад «Школьный музей природы»", "Белова Ирина Николаевна", None, None, NOTED,
         None, None, None),
    ],
    2025: [
        (1, "Выступление по теме «Цифровая лаборатория на уроках химии»",
         "Тарасов Виктор Андреевич", None, None, NOTED, None, None, None),
        (2, "Сообщение «Олимпиадные задачи по химии»", "Тарасов Виктор Андреевич", None, None,
         NOTED, "нет", None, None),
        (2, "Доклад «Функциональная грамотность на уроках биологии»",
         "Белова Ирина Николаевна", None, None, NOTED, None, None, None),
        (3, "Сообщение «Подготовка к ЕГЭ по химии»", "Смирнова Екатерина Петровна", None, None,
         NOTED, None, None, None),
        (4, "Подведение итогов года", None, "Руководитель РМО", None,
         "Работу РМО признать удовлетворительной.", None, None, None),
    ],
}

# Who missed which meeting: {year: {meeting: {name: reason}}}.
ABSENT = {
    2023: {2: {"Смирнова Елена Павловна": "болезнь"}, 4: {"Тарасов Виктор Андреевич": "курсы ПК"}},
    2024: {3: {"Смирнова Елена Павловна": "-"}},
    2025: {4: {"Кравченко О.П.": "-"}},
}

# Name, event, kind, level, result, date, hours.
PARTICIPATION = {
    2023: [("Тарасов Виктор Андреевич", "Конкурс «Педагог года – 2024»", "конкурс",
            "муниципальный", "призёр", dt.date(2024, 2, 15), None)],
    2024: [("Тарасов Виктор Андреевич", "Курсы «Подготовка к ЕГЭ по химии»",
            "курсы повышения квалификации", "региональный", "удостоверение", "ноябрь 2024", 72),
           ("Белова Ирина Николаевна", "Конкурс методических разработок", "конкурс",
            "региональный", "победитель", dt.date(2025, 3, 3), None)],
    2025: [("Тарасов Виктор Андреевич", "Научно-практическая конференция «Химия и жизнь»",
            "конференция", "региональный", "участник", dt.date(2026, 3, 27), None)],
}


def association(start: int, signer: str = SIGNER) -> list[tuple]:
    rows = [("Название", NAME), ("Учебный год", f"{start}/{start + 1}"),
            ("Методическая тема", "Естественно-научная грамотность обучающихся"),
            ("Руководитель", HEAD),
            ("Полное название", "Районное методическое объединение учителей химии и "
                                "биологии Советского района"),
            ("Организация", "Управление образования администрации Советского района"),
            ("Место проведения", "МБОУ «СОШ № 1» г. Советский"),
            ("Населённый пункт", "г. Советский")]
    return rows + ([("Подписывает справки", signer)] if signer else [])


def attendance(start: int) -> tuple[tuple, list[tuple]]:
    numbers = [m[0] for m in MEETINGS[start] if m[2] is not None]
    rows = []
    for name, *_ in PEOPLE[start]:
        marks = [ABSENT[start].get(n, {}).get(name, "+") for n in numbers]
        rows.append((name, *marks))
    return ("ФИО", *(str(n) for n in numbers)), rows


def sheets(start: int, signer: str = SIGNER) -> dict[str, tuple[tuple, list[tuple]]]:
    """Every sheet of one school year's workbook as its header and rows."""
    header, marks = attendance(start)
    return {
        "Объединение": (("Параметр", "Значение"), association(start, signer)),
        "Разделы плана": (("Раздел", "Текст", "Выполнение"),
                          [("Задачи", "Развивать естественно-научную грамотность.", None)]),
        "Участники": (("ФИО", "Должность", "Учреждение", "Статус", "Пол"), PEOPLE[start]),
        "Календарный план": (("Раздел", "Срок", "Содержание", "Ответственный", "Заседание"),
                             [(None, None, None, None, m[0]) for m in MEETINGS[start]]),
        "Заседания": (("№", "Срок", "Дата", "Место", "Статус", "Форма"), MEETINGS[start]),
        "Повестка": (("Заседание", "Содержание", "Докладчики", "Ответственный", "Слушали",
                      "Решили", "Проведено", "Вид", "Голосование"), AGENDA[start]),
        "Посещаемость": (header, marks),
        "Участие": (("ФИО", "Мероприятие", "Вид", "Уровень", "Результат", "Дата", "Часы"),
                    PARTICIPATION[start]),
        "Итоги": (("Раздел", "Текст"), [("Выводы", "План работы выполнен.")]),
    }


def write(path: Path, start: int, signer: str = SIGNER) -> Path:
    """The workbook of one school year (2023, 2024 or 2025)."""
    return save_book(path, sheets(start, signer))

def build_archive(folder: Path, signer: str = SIGNER, years=(2023, 2024, 2025)) -> Path:
    """Build the years into one archive, the way a head does it each year: the plan of each
    (enough to keep the workbook), and the certificates of the last, which take numbers from
    the ledger the records share."""
    from generator.build import build

    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "archive"
    for start in years:
        book = write(folder / f"rmo-{start}-{start + 1}.xlsx", start, signer)
        build(book, out, kinds=parse_only("план,справки" if start == years[-1] else "план"))
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "chemistry")
    target.mkdir(parents=True, exist_ok=True)
    for year in (2023, 2024, 2025):
        print(write(target / f"rmo-{year}-{year + 1}.xlsx", year))
