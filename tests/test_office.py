"""Documents an office accepts as they are (issue 13), read back from the second association:
19 members, four meetings (one online, one cancelled), long items, every kind of talk."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from generator.archive import issued, register
from generator.archive.store import State
from generator.build import build

from .helpers import BASE, paragraphs, soffice, table_rows, tables, to_pdf_text, workbook
from .second_sample import AGENDA, PEOPLE, attendance, write

NB = "\u00a0"


@pytest.fixture(scope="module")
def urai(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("urai")
    report = build(write(tmp / "urai.xlsx"), tmp / "out")
    return {r.path.name: r.path for r in report.written}


def _text_after(lines: list[str], marker: str) -> str:
    return lines[lines.index(marker) + 1]


# --- certificates ------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "sentence"), [
    # A message, a full name in the dative, her verb.
    ("Справка о выступлении (Орлова Ю.А., протокол № 3, п. 1).docx",
     f"Дана Орловой Юлии Андреевне, педагогу-библиотекарю МБОУ «СОШ{NB}№{NB}2» г.{NB}Урай, в "
     f"том, что она 22.04.2026 выступила на заседании РМО педагогов-библиотекарей г.{NB}Урай "
     f"с сообщением «Сетевые проекты чтения» (протокол от 22.04.2026{NB}№{NB}3)."),
    # A talk whose topic quotes a title: „лапки“ inside «ёлочки», never «Выступление по теме».
    ("Справка о выступлении (Орлова Ю.А., протокол № 1, п. 2).docx",
     f"Дана Орловой Юлии Андреевне, педагогу-библиотекарю МБОУ «СОШ{NB}№{NB}2» г.{NB}Урай, в "
     f"том, что она 15.10.2025 выступила на заседании РМО педагогов-библиотекарей г.{NB}Урай "
     "по теме «Проект „Читаем вместе“: опыт организации семейного чтения в начальной школе» "
     f"(протокол от 15.10.2025{NB}№{NB}1)."),
    # A master class is what she did, not a topic.
    ("Справка о выступлении (Мухаметова А.Р., протокол № 1, п. 3).docx",
     f"Дана Мухаметовой{NB}А.Р., педагогу-библиотекарю МБОУ «Гимназия им.{NB}А.И.{NB}Яковлева», "
     f"в том, что она 15.10.2025 провела на заседании РМО педагогов-библиотекарей г.{NB}Урай "
     "мастер-класс «Буктрейлер за 30\u00a0минут: от идеи до публикации в школьном сообществе» "
     f"(протокол от 15.10.2025{NB}№{NB}1)."),
    # «Бойко А.В.» does not tell the gender: the phrasing needs none.
    # The speaker is still named, in a genitive that is the same for a woman and a man.
    ("Справка о выступлении (Бойко А.В., протокол № 2, п. 1).docx",
     f"Дана Бойко{NB}А.В., заведующему библиотекой МБОУ «СОШ{NB}№{NB}4», в том, "
     f"что 18.02.2026 на заседании РМО педагогов-библиотекарей г.{NB}Урай заслушано сообщение "
     f"А.В.{NB}Бойко «Цифровые сервисы для продвижения чтения: ЛитРес, „Библиоклуб“ и "
     f"региональная электронная библиотека» (протокол от 18.02.2026{NB}№{NB}2)."),
])
def test_certificate_sentences_follow_the_kind_and_the_gender(urai, name, sentence):
    lines = paragraphs(urai[name])
    assert _text_after(lines, "СПРАВКА") == sentence


@pytest.mark.parametrize(("name", "sentence"), [
    # A consultation is what she did; what it was on follows «по», not «по теме «…»».
    ("Леонтьева Н.А., протокол № 1, п. 2",
     f"Дана Леонтьевой{NB}Н.А., методисту МАУ «БМЦ», в том, что она 15.10.2025 провела на "
     "заседании РМО школьных библиотекарей методическую консультацию по формированию и заявке "
     "учебников по ФПУ (работа с АИС «Книгозаказ») "
     f"(протокол от 15.10.2025{NB}№{NB}1)."),
    # «Касьян А.В.» does not tell the gender; the sample's «Пол» does: «ж», not declined.
    ("Касьян А.В., протокол № 3, п. 2",
     f"Дана Касьян{NB}А.В., педагогу-библиотекарю СОШ{NB}№{NB}3, в том, что она 22.04.2026 "
     "выступила на заседании РМО школьных библиотекарей по теме «Книги-юбиляры: их роль в "
     f"пропаганде чтения» (протокол от 22.04.2026{NB}№{NB}3)."),
])
def test_certificate_sentences_of_the_sample(sample_build, name, sentence):
    found = {w.path.name: w.path for w in sample_build.written}
    lines = paragraphs(found[f"Справка о выступлении ({name}).docx"])
    assert _text_after(lines, "СПРАВКА") == sentence


def test_a_male_speaker_and_the_kind_column(urai):
    lines = paragraphs(urai["Справка о выступлении (Петренко О.Н., протокол № 2, п. 2).docx"])
    # «Вид: презентация» on the item; «Пол: м» on the roster.
    assert _text_after(lines, "СПРАВКА") == (
        f"Дана Петренко{NB}О.Н., педагогу-библиотекарю МБОУ «СОШ{NB}№{NB}12», в том, что он "
        f"18.02.2026 представил на заседании РМО педагогов-библиотекарей г.{NB}Урай "
        "опыт работы по теме «Школьный библиотечный информационный центр: первый год» (протокол от "
        f"18.02.2026{NB}№{NB}2).")
    # Signed by the one named in «Подписывает справки»; the town under the date.
    assert lines[-1] == ("Начальник МКУ «Управление образования администрации города Урай»"
                         f"\t______________\tО.В.{NB}Кузнецова")
    assert lines[lines.index("СПРАВКА") - 2] == f"г.{NB}Урай"


def test_a_certificate_is_numbered_and_dated_on_the_day_of_issue(urai):
    numbers = []
    for name, path in sorted(urai.items()):
        if name.startswith("Справка"):
            lines = paragraphs(path)
            date, number = lines[lines.index("СПРАВКА") - 3].split("\t")
            assert date == issued.today().strftime("%d.%m.%Y")
            numbers.append(number)
    # Unique within the archive, numbered from 1 in the order the papers are filed.
    assert sorted(numbers, key=lambda n: int(n.split(NB)[1])) == \
        [f"№{NB}{i}" for i in range(1, len(numbers) + 1)]


@pytest.mark.slow
def test_registration_numbers_survive_a_rebuild_and_a_new_talk_gets_the_next(tmp_path,
                                                                               monkeypatch):
    book = write(tmp_path / "urai.xlsx")
    out = tmp_path / "out"
    monkeypatch.setattr(issued, "today", lambda: dt.date(2026, 5, 20))
    first = build(book, out)

    def numbers(report):
        found = {}
        for written in report.written:
            if written.path.name.startswith("Справка"):
                lines = paragraphs(written.path)
                found[written.path.name] = lines[lines.index("СПРАВКА") - 3]
        return found

    before = numbers(first)
    assert set(before.values()) == {f"20.05.2026\t№{NB}{i}" for i in range(1, len(before) + 1)}

    # A rebuild a month later: the same numbers and dates, the same bytes.
    monkeypatch.setattr(issued, "today", lambda: dt.date(2026, 6, 19))
    again = build(book, out)
    assert {w.status for w in again.written} == {State.UNCHANGED}

    # A talk added to meeting 4: its certificate gets the next free number and today's date;
    # the others keep theirs.
    talk = (4, "Мастер-класс «Закладка своими руками»", "Лебедева Н.И.", None, None,
            "Информацию принять к сведению.", None, None, None)
    book = write(tmp_path / "urai2.xlsx", Повестка=[*AGENDA, talk])
    third = numbers(build(book, out))
    added = "Справка о выступлении (Лебедева Н.И., протокол № 3, п. 5).docx"
    assert third[added] == f"19.06.2026\t№{NB}{len(before) + 1}"
    assert {k: v for k, v in third.items() if k in before} == before


def test_the_head_never_signs_her_own_certificate(urai, sample_build, tmp_path):
    own = paragraphs(urai["Справка о выступлении (Шевченко Е.В., протокол № 1, п. 4).docx"])
    assert own[-1] == ("Начальник МКУ «Управление образования администрации города Урай»"
                       f"\t______________\tО.В.{NB}Кузнецова")
    # The sample names its signer: the head's own certificate and the others' alike.
    found = {w.path.name: w.path for w in sample_build.written}
    for name in ("Леонтьева Н.А., протокол № 1, п. 2", "Попова Н.Я., протокол № 1, п. 4"):
        lines = paragraphs(found[f"Справка о выступлении ({name}).docx"])
        assert lines[-1] == f"Директор МАУ «БМЦ»\t______________\tЕ.Н.{NB}Соколова"
    # Nobody named in «Подписывает справки»: the head signs the others' certificates; her
    # own has nobody to sign it, so it is not written and the build says what to fill in.
    agenda = [*BASE["Повестка"],
              {"Заседание": 1, "Содержание": "Сообщение «План на год»",
               "Докладчики": "Иванова А.Б.", "Решили": "Информацию принять к сведению."}]
    report = build(workbook(tmp_path, Повестка=agenda), tmp_path / "out")
    found = {w.path.name: w.path for w in report.written}
    assert not any(name.startswith("Справка о выступлении (Иванова А.Б.") for name in found)
    (unsigned,) = [d for d in report.not_ready if "Иванова" in d.filename]
    assert unsigned.filename == "Справка о выступлении (Иванова А.Б., протокол № 1, п. 3).docx"
    assert [str(p) for p in unsigned.missing] == [
        "Лист «Объединение»: справку руководителя (Иванова\u00a0А.Б.) подписать некому: не "
        "указано, кто подписывает справки. Впишите параметр «Подписывает справки» — должность "
        "и ФИО руководителя организации, например «Директор МАУ «БМЦ» Е.А. Иванова»."]
    other = paragraphs(found["Справка о выступлении (Петрова В.Г., протокол № 1, п. 2).docx"])
    assert other[-1] == f"Руководитель РМО\t______________\tА.Б.{NB}Иванова"
    # The register lists no version of it as current.
    assert not any(e.file.startswith("Справка о выступлении (Иванова") for e in
                   register.load(report.folder))


# --- minutes -------------------------------------------------------------------------------

def _item(lines: list[str], start: str) -> list[str]:
    first = next(i for i, line in enumerate(lines) if line.startswith(start))
    end = next((i for i, line in enumerate(lines[first + 1:], start=first + 1)
                if line[:1].isdigit() and ". " in line[:4] and line.split(". ")[1].isupper()
                or line.startswith("Председатель")), len(lines))
    return lines[first:end]


def test_minutes_name_the_speakers_in_the_accusative(urai):
    lines = paragraphs(urai["Протокол № 1 от 15.10.2025.docx"])
    # The head, named by her role.
    assert lines[lines.index("ПОВЕСТКА ДНЯ:") + 6] == (
        "1. СЛУШАЛИ: Шевченко\u00a0Е.В., руководителя РМО, по вопросу «Утверждение плана "
        "работы РМО педагогов-библиотекарей на 2025/2026 учебный год».")
    # A member, with her position and school.
    assert ("3. СЛУШАЛИ: Мухаметову\u00a0А.Р., педагога-библиотекаря МБОУ «Гимназия "
            "им.\u00a0А.И.\u00a0Яковлева», с мастер-классом «Буктрейлер за 30\u00a0минут: от "
            "идеи до публикации в школьном сообществе».") in lines
    assert not any("Руководитель МО" in line or "СЛУШАЛИ: Руководитель" in line
                   for line in lines)


def test_the_town_under_the_date_and_the_vote_after_the_decisions(urai):
    lines = paragraphs(urai["Протокол № 1 от 15.10.2025.docx"])
    assert lines[4:9] == ["15.10.2025\t№\u00a01", "г.\u00a0Урай", "",
                          "заседания РМО педагогов-библиотекарей г.\u00a0Урай", ""]
    assert lines[9] == "Место проведения: МБОУ «СОШ\u00a0№\u00a02» г.\u00a0Урай, читальный зал"
    decided = lines.index("1.1. Утвердить план работы РМО на 2025/2026 учебный год.")
    assert lines[decided + 1] == "Голосовали: единогласно."


def test_a_discussion_is_discussed_not_heard(urai):
    lines = paragraphs(urai["Протокол № 2 от 18.02.2026.docx"])
    item = _item(lines, "4. ОБСУДИЛИ:")
    assert item[:2] == [
        "4. ОБСУДИЛИ: участие школьных библиотек в муниципальном конкурсе чтецов «Живая "
        "классика».",
        "ВЫСТУПИЛИ: Шевченко\u00a0Е.В., руководитель РМО; члены РМО.",
    ]
    assert "РЕШИЛИ:" in item
    assert not any("СЛУШАЛИ: члены" in line for line in lines)


def test_minutes_say_how_many_of_the_members_were_present_without_a_double_colon(urai):
    lines = paragraphs(urai["Протокол № 1 от 15.10.2025.docx"])
    assert "Присутствовали: 17\u00a0человек из 19\u00a0членов РМО (лист регистрации прилагается)" \
        in lines
    four = paragraphs(urai["Протокол № 3 от 22.04.2026.docx"])
    start = four.index("Присутствовали: 14\u00a0человек из 19\u00a0членов РМО")
    assert four[start + 1].startswith("1. Ахметова\u00a0Д.Р., педагог-библиотекарь")
    assert "Отсутствовали: 5\u00a0человек" in four


def test_an_online_meeting_has_a_list_of_participants_and_no_registration_sheet(urai):
    lines = paragraphs(urai["Протокол № 2 от 18.02.2026.docx"])
    assert "Присутствовали: 17\u00a0человек из 19\u00a0членов РМО (список участников прилагается)" \
        in lines
    assert "Место проведения: дистанционно, платформа «Сферум»" in lines
    assert not any(name.startswith("Лист регистрации, заседание № 3") for name in urai)
    assert not any(name.startswith("Лист регистрации, заседание № 2") for name in urai)
    listing = urai["Список участников, заседание № 3 от 18.02.2026.docx"]
    (table,) = tables(listing)
    rows = table_rows(table)
    assert rows[0] == ["№", "ФИО", "Должность", "Учреждение"]  # nothing to sign remotely
    assert len(rows) == 1 + 17
    # Attached to «Протокол № 2» (meeting 3 of the plan, 2 cancelled): named by its date.
    said = paragraphs(listing)
    assert said[0] == "Приложение к протоколу от 18.02.2026 №\u00a02"
    assert "Список участников заседания РМО педагогов\u2011библиотекарей г.\u00a0Урай от " \
        "18.02.2026" in said


def test_minutes_with_an_undecided_item_are_not_issued_nor_their_papers(tmp_path):
    agenda = [row if row[2] != "Сидоренко А.А." else (*row[:5], None, *row[6:])
              for row in AGENDA]
    report = build(write(tmp_path / "urai.xlsx", Повестка=agenda), tmp_path / "out")
    written = {w.path.name for w in report.written}
    assert not any(name.startswith(("Протокол № 3 ", "Выписка из протокола № 3",))
                   or "протокол № 3," in name for name in written)
    assert "Протокол № 2 от 18.02.2026.docx" in written
    unready = {d.filename: [str(p) for p in d.missing] for d in report.not_ready}
    assert unready["Протокол № 3 от 22.04.2026.docx"] == [
        "Лист «Повестка», ячейка F15: в пункте 3 заседания №\u00a04 не заполнено «Решили»: "
        "протокол №\u00a03 без решения не готов. Впишите решение, например «Информацию "
        "принять к сведению.», или «нет» в «Проведено», если вопрос сняли с повестки."]
    assert unready["Справка о выступлении (Орлова Ю.А., протокол № 3, п. 1).docx"] == [
        "Лист «Повестка», ячейка F15: документ ссылается на протокол №\u00a03 от 22.04.2026, "
        "а он не готов: в пункте нет решения. Впишите решение в эту ячейку: тогда будут "
        "сделаны и протокол, и этот документ."]
    assert len(unready) == 1 + 2 + 4  # the minutes, two extracts, four certificates


def test_a_withdrawn_item_keeps_its_place_in_the_minutes(urai):
    lines = paragraphs(urai["Протокол № 2 от 18.02.2026.docx"])
    agenda = lines[lines.index("ПОВЕСТКА ДНЯ:") + 1:]
    assert agenda[2] == ("3. Выступление по теме «Работа с „трудными“ "
                         "читателями-подростками» (вопрос снят с повестки).")
    (gone,) = [line for line in lines if line.startswith("3. СНЯТ С ПОВЕСТКИ:")]
    # Исмагилова was present: no reason to give (the item's «Решили» is not one).
    assert gone == ("3. СНЯТ С ПОВЕСТКИ: выступление по теме «Работа с „трудными“ "
                    "читателями-подростками».")
    assert "4. ОБСУДИЛИ:" in " ".join(lines)


# --- registration sheet, analysis -------------------------------------------------------------

@pytest.mark.libreoffice
def test_a_registration_sheet_of_twenty_members_is_one_page(tmp_path):
    soffice()
    people = [*PEOPLE, ("Яковлева О.О.", "педагог-библиотекарь",
                        "МБОУ «Гимназия им. А.И. Яковлева»", None, None)]
    book = write(tmp_path / "urai.xlsx", Участники=people, Посещаемость=attendance(people))
    report = build(book, tmp_path / "out")
    (sheet,) = [w.path for w in report.written
                if w.path.name.startswith("Лист регистрации, заседание № 1")]
    lines = paragraphs(sheet)
    # A non-breaking hyphen: the heading never breaks inside «педагогов‑библиотекарей».
    assert ("Лист регистрации участников заседания №\u00a01 РМО педагогов\u2011библиотекарей "
            "г.\u00a0Урай от 15.10.2025") in lines
    assert len(table_rows(tables(sheet)[0])) == 1 + 20 + 5
    text = to_pdf_text(sheet, tmp_path)
    assert text.count("\f") <= 1 and "25" in text.split("\f")[0]
    pdf = next((tmp_path / "pdf").glob("*.pdf"))
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout
    assert b"Pages:           1" in pages


def test_the_analysis_reads_as_a_report(urai):
    lines = paragraphs(urai["Анализ работы за 2025-2026 учебный год.docx"])
    assert "Заседание №\u00a02 (декабрь) отменено в связи с карантином по гриппу." in lines
    assert "Из 4 задач полностью выполнено 2, частично\u00a0– 1, не выполнена\u00a0– 1." in lines
    assert "Мухаметова\u00a0А.Р.\u00a0– призёр муниципального конкурса «Лучший школьный " \
        "библиотекарь»." in lines
    assert "Больше всего пропусков: Фёдорова\u00a0И.К. (2 из 3)." in lines
    assert "Кузьмина\u00a0Т.С.\u00a0– «Библиотечные уроки в 5–6\u00a0классах» " \
        "(заседание №\u00a02 в декабре отменено)." in lines
    # Those with no talk and no participation: alphabetically, one to a line.
    start = lines.index("Не выступали на заседаниях и не участвовали в мероприятиях:")
    names = lines[start + 1:lines.index("6. Посещаемость заседаний")]
    assert names[:3] == ["Валиева\u00a0Л.Ш.", "Гончарова\u00a0Л.П.", "Григорьев\u00a0П.С."]
    assert names == sorted(names, key=lambda n: n.replace("ё", "е"))
    assert [line for line in lines if line[:2] in ("7.", "8.", "9.")] == [
        "7. Выводы", "8. Проблемы", "9. Задачи на следующий год"]
    assert not any(" — " in line for line in lines)  # one dash style: « – »
    assert lines[-1] == issued.today().strftime("%d.%m.%Y")


def test_five_people_who_missed_one_meeting_each_are_not_the_ones_who_missed_most(
        sample_build):
    (analysis,) = [w.path for w in sample_build.written if w.path.name.startswith("Анализ")]
    lines = paragraphs(analysis)
    assert not any(line.startswith("Больше всех") for line in lines)
    assert any(line.startswith("Пропустили заседания: ") for line in lines)


# --- programme and passport ------------------------------------------------------------------

def test_the_programme_of_a_meeting(sample_build):
    found = {w.path.name: w.path for w in sample_build.written}
    programme = found["Программа заседания № 2 от 18.02.2026.docx"]
    lines = paragraphs(programme)
    assert lines[lines.index("ПРОГРАММА") + 1] == "заседания №\u00a02 РМО школьных библиотекарей"
    assert "Дата проведения: 18.02.2026" in lines
    assert "Форма проведения: дистанционно, платформа «Сферум»" in lines
    rows = table_rows(tables(programme)[0])
    assert rows[0] == ["№", "Вопрос", "Выступающие"]
    assert rows[1] == ["1", "Выступление по теме «Формы библиотечной работы по формированию у "
                       "обучающихся интереса к чтению и популяризации книг»",
                       "Джелилова\u00a0Г.Н., педагог-библиотекарь СОШ п.\u00a0Верхнеказымский"]
    assert len(rows) == 1 + 4
    first = table_rows(tables(found["Программа заседания № 1 от 15.10.2025.docx"])[0])
    # Several speakers: separated by «; » as in the minutes.
    assert first[2][2] == ("Щербинина\u00a0С.П., региональный менеджер АО «Просвещение» ХМАО; "
                           "Леонтьева\u00a0Н.А., руководитель РМО")


def test_the_passport_of_the_second_association_has_its_aim_and_secretary(urai):
    rows = dict(table_rows(tables(urai["Паспорт РМО на 2025-2026 учебный год.docx"])[0])[1:])
    assert rows["Цель"] == ("Повышение профессиональной компетентности педагогов-библиотекарей "
                            "в формировании читательской грамотности обучающихся.")
    assert rows["Секретарь"] == ("Сафиуллина\u00a0Р.М., педагог-библиотекарь, МБОУ «Лицей "
                                 "им.\u00a0Г.Ф.\u00a0Атякшева»")
    assert rows["Число членов"] == "19\u00a0человек из 11\u00a0учреждений"
    assert rows["Заседания в учебном году"].split("\n")[1] == \
        "№\u00a02 (декабрь)\u00a0– отменено в связи с карантином по гриппу"
    assert rows["Направления работы"].split("\n")[0] == \
        "1. Информационно-аналитическая деятельность."


def test_the_passport_lists_the_members_in_a_table(urai):
    passport = urai["Паспорт РМО на 2025-2026 учебный год.docx"]
    lines = paragraphs(passport)
    assert "Состав РМО педагогов-библиотекарей г.\u00a0Урай" in lines
    members = table_rows(tables(passport)[1])
    assert members[0] == ["№", "ФИО", "Должность", "Учреждение"]
    assert len(members) == 1 + 19
    # Alphabetical; a name typed in full stays in full; multi-word positions as typed.
    assert members[1] == ["1", "Ахметова\u00a0Д.Р.", "педагог-библиотекарь",
                          "МБОУ «СОШ\u00a0№\u00a012»"]
    assert members[2] == ["2", "Бойко\u00a0А.В.", "заведующий библиотекой",
                          "МБОУ «СОШ\u00a0№\u00a04»"]
    assert ["12", "Орлова Юлия Андреевна", "педагог-библиотекарь",
            "МБОУ «СОШ\u00a0№\u00a02» г.\u00a0Урай"] in members
    assert members[-1] == ["19", "Шевченко\u00a0Е.В.", "методист", "МКУ «Методический центр»"]


def test_the_passport_of_the_association(sample_build):
    (passport,) = [w.path for w in sample_build.written if w.path.name.startswith("Паспорт")]
    lines = paragraphs(passport)
    assert "Паспорт РМО школьных библиотекарей" in lines
    rows = dict(table_rows(tables(passport)[0])[1:])
    assert rows["Методическая тема"] == ("Библиотеки как центры внеклассной работы и "
                                         "творческого развития.")
    assert rows["Руководитель"] == "Леонтьева\u00a0Н.А., методист, МАУ «БМЦ»"
    assert rows["Число членов"] == "10\u00a0человек из 9\u00a0учреждений"
    assert rows["Задачи"].startswith("1. Изучение нормативно-правовой документации")
    assert rows["Заседания в учебном году"].split("\n") == [
        "№\u00a01 (сентябрь\u00a0– ноябрь)\u00a0– проведено 15.10.2025, протокол\u00a0№\u00a01",
        "№\u00a02 (декабрь\u00a0– февраль)\u00a0– проведено 18.02.2026, протокол\u00a0№\u00a02",
        "№\u00a03 (март\u00a0– апрель)\u00a0– проведено 22.04.2026, протокол\u00a0№\u00a03",
    ]


@pytest.mark.slow
def test_the_date_stays_with_the_signature(urai, tmp_path):
    soffice()
    text = to_pdf_text(urai["Анализ работы за 2025-2026 учебный год.docx"], tmp_path)
    pages = [page for page in text.split("\f") if page.strip()]
    last = [line.strip() for line in pages[-1].splitlines() if line.strip()]
    # The signature and the date of compilation on one page, the date last.
    assert any(line.startswith("Руководитель РМО") for line in last)
    assert last[-1].startswith(issued.today().strftime("%d.%m.%Y"))
    assert len(pages[-1].splitlines()) > 0 and not pages[-1].strip().startswith(
        issued.today().strftime("%d.%m.%Y"))


def test_an_extract_is_signed_by_each_signer_once(sample_build):
    found = {w.path.name: w.path for w in sample_build.written}
    lines = paragraphs(found["Выписка из протокола № 1, п. 3 (Мазеева Р.В.).docx"])
    start = lines.index("3.1. Информацию принять к сведению.")
    assert lines[start + 1:] == [
        f"Председатель\t______________\tН.А.{NB}Леонтьева",
        "Выписка верна",
        f"Секретарь\t______________\tР.В.{NB}Мазеева",
        issued.today().strftime("%d.%m.%Y"),
    ]


def test_the_analysis_marks_guests_among_the_speakers(sample_build):
    (analysis,) = [w.path for w in sample_build.written if w.path.name.startswith("Анализ")]
    assert (f"Щербинина{NB}С.П. (приглашённая), Леонтьева{NB}Н.А.{NB}– Методическая консультация "
            "по формированию и заявке учебников по ФПУ. Работа с АИС «Книгозаказ».") \
        in paragraphs(analysis)
