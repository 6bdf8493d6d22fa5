"""The analysis of the year's work: sections 1–6, tables, charts and conclusions."""

from __future__ import annotations

from docx.shared import Pt

from .blocks import bullets, kept_whole, loop_table, par, signature, when
from .styles import (
    BODY,
    BULLET,
    CELL,
    CELL_CENTER,
    CENTER,
    HEADING,
    ITEM,
    PLAIN,
    TITLE,
    new_document,
)

FILE_TITLE = "Анализ работы"  # File → Properties of the template


def make():
    """The template as a python-docx document."""
    doc = new_document()
    par(doc, "{{ title }}", TITLE)
    par(doc, "за {{ year }} учебный год", TITLE)
    when(doc, "as_of", "({{ as_of }})", CENTER)

    par(doc, "1. Методическая тема и задачи", HEADING)
    par(doc, "{{ theme_sentence }}")
    when(doc, "tasks_intro", "{{ tasks_intro }}")
    par(doc, "{%p if tasks_table %}", PLAIN)
    loop_table(doc, "tasks_table", [("№", "number", 1.0, CELL_CENTER),
                                    ("Задача", "text", 10.5, CELL),
                                    ("Выполнение", "result", 5.0, CELL)])
    par(doc, "{%p endif %}", PLAIN)
    bullets(doc, "tasks_list", ITEM)
    when(doc, "tasks_summary", "{{ tasks_summary }}")

    par(doc, "2. Состав объединения", HEADING)
    par(doc, "{{ members_sentence }}")
    when(doc, "positions_sentence", "{{ positions_sentence }}")

    par(doc, "3. Заседания", HEADING)
    par(doc, "{{ meetings_sentence }}")
    loop_table(doc, "meetings_table", [("№", "number", 1.0, CELL_CENTER),
                                       ("Дата", "date", 2.4, CELL_CENTER),
                                       ("Содержание", "content", 6.1, CELL),
                                       ("Присутствовало членов РМО", "present", 3.9,
                                        CELL_CENTER),
                                       ("%", "share", 1.5, CELL_CENTER),
                                       ("Гости", "guests", 1.6, CELL_CENTER)])
    par(doc, "{{ attendance_sentence }}")
    bullets(doc, "meetings_notes", BODY)
    chart = par(doc, "{{ attendance_chart }}", CENTER)
    chart.paragraph_format.space_before = Pt(6)

    par(doc, "4. Выступления", HEADING)
    par(doc, "{{ talks_sentence }}")
    par(doc, "{{ speakers_sentence }}")
    par(doc, "{%p if talks %}", PLAIN)
    par(doc, "Темы выступлений:", BODY)
    bullets(doc, "talks")
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "{%p if talks_missed %}", PLAIN)
    par(doc, "Не состоялись выступления:", BODY)
    bullets(doc, "talks_missed")
    par(doc, "{%p endif %}", PLAIN)

    par(doc, "5. Участие в мероприятиях", HEADING)
    par(doc, "{{ participation_sentence }}")
    par(doc, "{%p if by_kind %}", PLAIN)
    par(doc, "По видам мероприятий:", BODY).paragraph_format.keep_with_next = True
    loop_table(doc, "by_kind", [("Вид мероприятия", "kind", 9.0, CELL),
                                ("Участий", "entries", 3.5, CELL_CENTER),
                                ("Участников", "people", 4.0, CELL_CENTER)])
    kept_whole(doc.tables[-1])
    par(doc, "По уровням:", BODY).paragraph_format.keep_with_next = True
    loop_table(doc, "by_level", [("Уровень", "level", 9.0, CELL),
                                 ("Участий", "entries", 7.5, CELL_CENTER)])
    kept_whole(doc.tables[-1])
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "{%p if participation_list %}", PLAIN)
    par(doc, "Перечень участия:", BODY)
    loop_table(doc, "participation_list", [("№", "number", 0.9, CELL_CENTER),
                                           ("ФИО", "name", 3.7, CELL),
                                           ("Мероприятие", "event", 4.7, CELL),
                                           ("Вид, уровень", "kind", 3.7, CELL),
                                           ("Результат", "result", 3.5, CELL)])
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "{%p if level_chart %}", PLAIN)
    chart = par(doc, "{{ level_chart }}", CENTER)
    chart.paragraph_format.space_before = Pt(6)
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "{%p if results %}", PLAIN)
    par(doc, "Победители, призёры и лауреаты:", BODY)
    bullets(doc, "results")
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "{%p if courses %}", PLAIN)
    par(doc, "{{ courses_sentence }}", BODY)
    loop_table(doc, "courses", [("ФИО", "name", 4.2, CELL), ("Курсы", "event", 10.3, CELL),
                                ("Часы", "hours", 2.0, CELL_CENTER)])
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "{{ inactive_sentence }}")
    bullets(doc, "inactive")

    par(doc, "6. Посещаемость заседаний", HEADING)
    par(doc, "{{ missed_sentence }}")
    par(doc, "По участникам:", BODY)
    # «Римский-Корсаков А.П.» on one line at 12 pt.
    loop_table(doc, "member_rows", [("ФИО", "name", 5.2, CELL),
                                    ("Учреждение", "institution", 5.8, CELL),
                                    ("Посещено заседаний", "attended", 3.5, CELL_CENTER),
                                    ("%", "share", 2.0, CELL_CENTER)])
    par(doc, "По учреждениям:", BODY)
    loop_table(doc, "institution_rows", [("Учреждение", "institution", 7.0, CELL),
                                         ("Членов РМО", "members", 2.5, CELL_CENTER),
                                         ("Посещений из возможных", "attended", 4.5,
                                          CELL_CENTER),
                                         ("%", "share", 2.5, CELL_CENTER)])

    # The head's own words, numbered on from 7 (the code numbers only the sections given).
    par(doc, "{%p for section in summary_sections %}", PLAIN)
    par(doc, "{{ section.title }}", HEADING)
    par(doc, "{%p for line in section.lines %}", PLAIN)
    par(doc, "{{ line }}", BULLET)
    par(doc, "{%p endfor %}", PLAIN)
    par(doc, "{%p endfor %}", PLAIN)

    signature(doc, "{{ signer_title }}", "{{ signer }}")
    dated = par(doc, "{{ issue_date }}", PLAIN)
    dated.paragraph_format.space_before = Pt(6)
    return doc
