"""Writing a workbook of the contract: the sheets, their headers and the «Инструкция» sheet.

Used by `rmo init` for an empty workbook and by tools/make_sample.py for the sample.
"""

from __future__ import annotations

from pathlib import Path

# Sheet → (column, width in characters); the order is the order a user fills them in.
SHEETS: dict[str, list[tuple[str, int]]] = {
    "Объединение": [("Параметр", 24), ("Значение", 90)],
    "Разделы плана": [("Раздел", 24), ("Текст", 90), ("Выполнение", 30)],
    "Участники": [("ФИО", 30), ("Должность", 26), ("Учреждение", 34), ("Статус", 16),
                  ("Пол", 8)],
    "Календарный план": [("Раздел", 40), ("Срок", 26), ("Содержание", 60),
                         ("Ответственный", 30), ("Заседание", 12)],
    "Заседания": [("№", 6), ("Срок", 30), ("Дата", 14), ("Место", 36), ("Статус", 30)],
    "Повестка": [("Заседание", 12), ("Содержание", 60), ("Докладчики", 30),
                 ("Ответственный", 26), ("Слушали", 40), ("Решили", 50), ("Проведено", 12)],
    "Посещаемость": [("ФИО", 30), ("1", 10), ("2", 10), ("3", 10)],
    "Участие": [("ФИО", 26), ("Мероприятие", 50), ("Вид", 26), ("Уровень", 18),
                ("Результат", 16), ("Дата", 14), ("Часы", 8)],
    "Итоги": [("Раздел", 26), ("Текст", 100)],
}

INSTRUCTION = [
    ("Как заполнять книгу РМО", ""),
    ("", "Одна книга — один учебный год. Программа rmo делает из неё план работы, протоколы "
         "заседаний и анализ работы за год. Названия листов и столбцов менять нельзя; "
         "порядок столбцов — любой; свои столбцы и листы можно добавлять, программа их не "
         "читает. Пустые строки пропускаются."),
    ("Объединение", "Параметр — значение: Название, Учебный год (2025/2026), Методическая тема, "
                    "Руководитель (ФИО как на листе «Участники»); по желанию — Секретарь, "
                    "Полное название, Организация, Место проведения (по умолчанию для "
                    "протоколов)."),
    ("Разделы плана", "Одна строка — один пункт плана. Раздел: Задачи, Направления работы, "
                      "Формы работы, Ожидаемые результаты. Номера и маркеры ставить не нужно. "
                      "Выполнение (в мае, только для задач): выполнена, частично, не выполнена; "
                      "комментарий — после двоеточия."),
    ("Участники", "Все члены РМО и приглашённые. ФИО — «Мазеева Р.В.» или полностью; по этому "
                  "ФИО человека ищут на других листах. Статус: член РМО (по умолчанию) или "
                  "приглашённый (гостей не считают отсутствующими). Пол (ж или м) нужен, только "
                  "если его не понять по фамилии (Бойко, Ким): для справок о выступлении."),
    ("Календарный план", "Строки таблицы плана, которые не являются заседаниями, в порядке "
                         "плана. Раздел — заголовок над группой строк. Несколько пунктов с одним "
                         "сроком можно вписать в одну ячейку, каждый с новой строки (Alt+Enter), "
                         "и ответственных — так же, по строке на пункт. Чтобы поставить в план "
                         "заседание, впишите его номер в столбец «Заседание» — остальное "
                         "возьмётся с листов «Заседания» и «Повестка»."),
    ("Заседания", "Одна строка — одно заседание. Срок — как в плане («Сентябрь – октябрь – "
                  "ноябрь»). Дата — когда заседание прошло (ДД.ММ.ГГГГ); пока даты нет, "
                  "протокол не делается. Статус: отменено или перенесено, причина — после "
                  "двоеточия."),
    ("Повестка", "Пункты всех заседаний по порядку. Докладчики — ФИО с листа «Участники» через "
                 "«;». Ответственный — текст вместо докладчиков («Руководитель МО»). Слушали — "
                 "кратко, о чём говорили. Решили — решения, каждое с новой строки. Проведено: "
                 "«нет», если пункт не состоялся."),
    ("Посещаемость", "ФИО и по столбцу на заседание (заголовок — номер заседания). Отметки: "
                     "+ (был), - или н (не был), или причина текстом: «болезнь», «курсы ПК»."),
    ("Участие", "Конкурсы, конференции, семинары, курсы, публикации членов РМО. Вид, Уровень и "
                "Результат — из списка; Часы — для курсов."),
    ("Итоги", "Слова руководителя для анализа работы в мае. Раздел: Выводы, Проблемы, "
              "Задачи на следующий год."),
]


PARAMETERS = ["Название", "Учебный год", "Методическая тема", "Руководитель", "Секретарь",
              "Полное название", "Организация", "Место проведения"]
LAST_ROW = 500  # how far down the drop-down lists reach
NAMES = f"'Участники'!$A$2:$A${LAST_ROW}"


def _choices(*values: str) -> str:
    return '"' + ",".join(values) + '"'


def _validations():
    """Drop-down lists for every closed list and for names, by sheet and column.

    «warning» lists still accept other text (a reason after a colon, several speakers),
    «stop» lists accept only their values.
    """
    from .model import Fulfilment, Kind, Level, PlanSection, Result, Summary

    def values(enum) -> str:
        return _choices(*(o.value for o in enum if o.value))

    return {
        "Разделы плана": [("A", values(PlanSection), "stop"),
                          ("C", values(Fulfilment), "warning")],
        "Участники": [("D", _choices("член РМО", "приглашённый"), "stop"),
                      ("E", _choices("ж", "м"), "stop")],
        "Заседания": [("E", _choices("отменено", "перенесено"), "warning")],
        "Повестка": [("C", NAMES, "warning"), ("G", _choices("да", "нет"), "stop")],
        "Посещаемость": [("A", NAMES, "stop"),
                         *((col, _choices("+", "-", "н"), "warning")
                           for col in "BCDEFGHIJKL")],
        "Участие": [("A", NAMES, "stop"), ("C", values(Kind), "stop"),
                    ("D", values(Level), "stop"), ("E", values(Result), "stop")],
        "Итоги": [("A", values(Summary), "stop")],
    }


def write_workbook(path: Path, rows: dict[str, list[list]] | None = None,
                   notes: list[tuple[str, str]] = ()) -> None:
    """Write a contract workbook: styled headers, frozen first row, drop-down lists and the
    instruction sheet; written to a temporary name, then renamed."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from .archive import replace
    from .ooxml import xlsx_bytes

    rows = rows or {}
    book = Workbook()
    book.remove(book.active)
    guide = book.create_sheet("Инструкция")
    guide.column_dimensions["A"].width = 22
    guide.column_dimensions["B"].width = 110
    for title, body in [*INSTRUCTION, *notes]:
        guide.append([title, body])
        row = guide.max_row
        guide.cell(row, 1).font = Font(bold=True)
        guide.cell(row, 2).alignment = Alignment(wrap_text=True, vertical="top")
        guide.cell(row, 1).alignment = Alignment(vertical="top")
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for title, columns in SHEETS.items():
        ws = book.create_sheet(title)
        headers = [name for name, _ in columns]
        data = rows.get(title, [])
        if data and isinstance(data[0], tuple):  # a header row of its own (e.g. attendance)
            headers, data = list(data[0]), data[1:]
        ws.append(headers)
        for i, _ in enumerate(headers, start=1):
            cell = ws.cell(1, i)
            cell.font = header_font
            cell.fill = header_fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            width = dict(columns).get(str(headers[i - 1]), 12)
            ws.column_dimensions[get_column_letter(i)].width = width
        for values in data:
            ws.append(values)
        for cells in ws.iter_rows(min_row=2):
            for cell in cells:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if hasattr(cell.value, "year"):
                    cell.number_format = "DD.MM.YYYY"
        ws.freeze_panes = "A2"
        for column, formula, style in _validations().get(title, []):
            rule = DataValidation(type="list", formula1=formula, allow_blank=True,
                                  errorStyle=style, showErrorMessage=True,
                                  errorTitle="Значение не из списка",
                                  error="Выберите значение из списка.")
            rule.add(f"{column}2:{column}{LAST_ROW}")
            ws.add_data_validation(rule)
    head = book["Объединение"]
    for row in range(2, head.max_row + 1):
        if head.cell(row, 1).value in ("Руководитель", "Секретарь"):
            rule = DataValidation(type="list", formula1=NAMES, allow_blank=True)
            rule.add(f"B{row}")
            head.add_data_validation(rule)
    replace(path, xlsx_bytes(book))


def blank_rows() -> dict[str, list[list]]:
    """An empty workbook has the parameter names in place, waiting for their values."""
    return {"Объединение": [[name, None] for name in PARAMETERS]}
