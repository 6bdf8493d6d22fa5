"""`rmo person`: a person's record over the school years of an archive (issue 22), read as the
attestation commission reads it, on a three-year archive of an association of its own
(tests/chemistry_sample.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from generator.archive import contents, register
from generator.cli.main import main
from generator.documents.kinds import parse_only
from generator.figures import record

from . import chemistry_sample
from .helpers import paragraphs

pytestmark = pytest.mark.slow  # builds an archive of three years
NB = "\u00a0"
DAY = dt.date(2026, 5, 20)
HEADER = ["Управление образования администрации Советского района",
          "Районное методическое объединение учителей химии и биологии Советского района", ""]
MEMBER = "Член РМО учителей химии и биологии Советского района; "
SIGNED = ["Справка выдана для представления по месту требования.",
          f"Начальник управления образования\t______________\tТ.В.{NB}Савельева"]


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    monkeypatch.setattr("generator.archive.issued.today", lambda: DAY)


@pytest.fixture(scope="module")
def chemistry(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("generator.archive.issued.today", lambda: DAY)  # the certificates' date
        return chemistry_sample.build_archive(tmp_path_factory.mktemp("chemistry"))


@pytest.fixture
def archive(chemistry, tmp_path):
    """A copy of the three-year archive for a test that issues records into it."""
    import shutil

    return shutil.copytree(chemistry, tmp_path / "archive")


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def issue(archive, name, tmp_path, *options):
    target = tmp_path / f"{name}.docx"
    result = run("person", name, archive, "-o", target, *options)
    assert result.exit_code == 0, result.output
    return target, result.output


def test_latest_workbook_of_each_year_is_the_one_rule(archive, tmp_path):
    books = contents.latest_workbooks(archive)
    assert [(b.year, b.path.name) for b in books] == [
        ("2023/2024", "rmo-2023-2024.xlsx"), ("2024/2025", "rmo-2024-2025.xlsx"),
        ("2025/2026", "rmo-2025-2026.xlsx")]
    # The year built again from a changed book: its new version is the year's workbook.
    changed = chemistry_sample.write(tmp_path / "rmo-2024-2025.xlsx", 2024,
                                     "Директор А.А. Лис")
    import time

    from generator.archive.contents import newest_workbook
    from generator.build import build

    time.sleep(1.1)  # the register's times are to the second: this build is the newest
    build(changed, archive, kinds=parse_only("план"))
    assert contents.latest_workbook(archive / "2024-2025").path.name == \
        "rmo-2024-2025 (версия 2).xlsx"
    assert newest_workbook(archive).name == "rmo-2024-2025 (версия 2).xlsx"


def test_a_teacher_with_a_talk_every_year(archive, tmp_path):
    target, output = issue(archive, "Тарасов Виктор Андреевич", tmp_path)
    assert output == (f"Записана справка «{target}»: Тарасов Виктор Андреевич, "
                      "2023/2024–2025/2026, рег. № 4 от 20.05.2026.\n"
                      f"Копия в архиве: {archive}/2025-2026/Справка об участии "
                      "(Тарасов В.А., 2023–2026).docx\n")
    school = f"учитель химии МБОУ «СОШ{NB}№{NB}2» г.{NB}Советский."
    assert paragraphs(target) == HEADER + [
        f"20.05.2026\t№{NB}4", f"г.{NB}Советский", "", "СПРАВКА",
        "об участии в работе районного методического объединения",
        f"Дана Тарасову Виктору Андреевичу, учителю химии МБОУ «СОШ{NB}№{NB}2» г.{NB}Советский, "
        "в том, что он в 2023/2024–2025/2026 учебных годах участвовал в работе РМО учителей "
        "химии и биологии Советского района.",
        "2023/2024 учебный год", MEMBER + school, "Посещение заседаний: 3 из 4.",
        "Выступления на заседаниях:",
        f"27.09.2023{NB}– доклад «Химический эксперимент в 8{NB}классе» (протокол от "
        f"27.09.2023{NB}№{NB}1).",
        "Конкурсы, конференции и другие мероприятия:",
        f"Конкурс «Педагог года{NB}– 2024» (муниципальный уровень){NB}– призёр, 15.02.2024.",
        "2024/2025 учебный год", MEMBER + school, "Посещение заседаний: 2 из 2.",
        "Выступления на заседаниях:",
        f"25.09.2024{NB}– открытый урок «Кислоты и основания» (протокол от "
        f"25.09.2024{NB}№{NB}1);",
        # Meeting 2 was cancelled: meeting 3 has protocol № 2.
        f"19.03.2025{NB}– методическая консультация по подготовке к ОГЭ по химии (протокол "
        f"от 19.03.2025{NB}№{NB}2).",
        "Курсы повышения квалификации:",
        f"Курсы «Подготовка к ЕГЭ по химии», 72{NB}ч. (ноябрь 2024, удостоверение).",
        "2025/2026 учебный год", MEMBER + school, "Посещение заседаний: 4 из 4.",
        # «Олимпиадные задачи по химии» was withdrawn («Проведено: нет»): not a talk.
        "Выступления на заседаниях:",
        f"24.09.2025{NB}– выступление по теме «Цифровая лаборатория на уроках химии» "
        f"(протокол от 24.09.2025{NB}№{NB}1).",
        "Конкурсы, конференции и другие мероприятия:",
        f"Научно-практическая конференция «Химия и жизнь» (конференция, региональный "
        f"уровень){NB}– участник, 27.03.2026.",
        f"Всего за 2023/2024–2025/2026: выступлений на заседаниях{NB}– 4, участий в конкурсах "
        f"и мероприятиях{NB}– 2, курсов повышения квалификации{NB}– 1 (72{NB}ч.).",
        *SIGNED]


def test_a_teacher_who_changed_school_and_post(archive, tmp_path):
    target, _ = issue(archive, "Белова И.Н.", tmp_path, "--since", "2023/2024",
                      "--until", "2024/2025")
    text = paragraphs(target)
    assert text[8] == (f"Дана Беловой Ирине Николаевне, учителю биологии и химии МБОУ «Гимназия» "
                       f"г.{NB}Советский, в том, что она в 2023/2024–2024/2025 учебных годах "
                       "участвовала в работе РМО учителей химии и биологии Советского района.")
    assert [line for line in text if line.startswith(MEMBER)] == [
        MEMBER + f"учитель биологии МБОУ «СОШ{NB}№{NB}3» г.{NB}Советский.",
        MEMBER + f"учитель биологии и химии МБОУ «Гимназия» г.{NB}Советский."]
    assert "2025/2026 учебный год" not in text
    assert f"Конкурс методических разработок (региональный уровень){NB}– победитель, " \
           "03.03.2025." in text


def test_the_people_over_the_years_list_a_person_once_with_the_latest_post(chemistry):
    rows, problems = record.people_over_years([record.Source(chemistry, "Химики")])
    assert problems == ()
    (belova,) = [r for r in rows if r.name.startswith("Белова")]
    assert belova.years == ("2023/2024", "2024/2025", "2025/2026")
    assert belova.period == "2023/2024–2025/2026"
    assert belova.associations == ("Химики",)
    assert belova.position == "учитель биологии и химии"
    assert belova.institution.startswith("МБОУ «Гимназия»")


def test_gender_not_told_by_the_name_needs_no_guess(archive, tmp_path):
    target, _ = issue(archive, "кравченко о.п.", tmp_path)
    assert paragraphs(target)[8] == (
        f"Дана Кравченко{NB}О.П., учителю химии МБОУ «СОШ{NB}№{NB}4» г.{NB}Советский, в "
        "подтверждение участия в работе РМО учителей химии и биологии Советского района в "
        "2024/2025–2025/2026 учебных годах.")


def test_yo_and_case_do_not_matter_and_the_head_is_signed_by_the_signer(archive, tmp_path):
    target, _ = issue(archive, "КОВАЛЕВА Н.С.", tmp_path)
    text = paragraphs(target)
    assert text[8].startswith("Дана Ковалёвой Наталье Сергеевне, учителю химии")
    assert text[10] == ("Руководитель РМО учителей химии и биологии Советского района; учитель "
                        f"химии МБОУ «СОШ{NB}№{NB}1» г.{NB}Советский.")
    assert text[-1] == SIGNED[-1]


def test_numbers_are_the_certificates_ledger_and_the_journal_shows_them(archive, tmp_path):
    issue(archive, "Тарасов В.А.", tmp_path)
    again = tmp_path / "again"
    again.mkdir()
    issue(archive, "Тарасов Виктор Андреевич", again)  # the same record: the same number
    issue(archive, "Кравченко О.П.", tmp_path)
    entries = {e.file: e for e in register.load(archive / "2025-2026")}
    certificates = sorted(e.issued for e in entries.values() if e.kind == "Справка")
    assert certificates == ["№ 1 от 20.05.2026", "№ 2 от 20.05.2026", "№ 3 от 20.05.2026"]
    tarasov = entries["Справка об участии (Тарасов В.А., 2023–2026).docx"]
    assert (tarasov.kind, tarasov.person, tarasov.issued, tarasov.version) == (
        "Справка об участии", "Тарасов В.А.", "№ 4 от 20.05.2026", 1)
    assert entries["Справка об участии (Кравченко О.П., 2024–2026).docx"].issued == \
        "№ 5 от 20.05.2026"
    from openpyxl import load_workbook

    rows = list(load_workbook(archive / "2025-2026" / register.XLSX_NAME).active
                .iter_rows(values_only=True))
    header = rows[0]
    row = next(r for r in rows if r[1] == "Справка об участии (Тарасов В.А., 2023–2026)")
    assert row[header.index("Рег. № и дата выдачи")] == "№ 4 от 20.05.2026"
    assert row[header.index("Кому")] == "Тарасов В.А."


def test_a_record_is_written_like_a_build_all_or_nothing(archive, tmp_path, monkeypatch):
    """The record goes through the archive's one transaction: a build killed half-way is
    finished before it, and a failure while registering it leaves no record behind."""
    from generator.archive import service

    year = archive / "2025-2026"
    before = sorted(p.name for p in year.iterdir())

    def broken(*args, **kwargs):
        raise OSError("диск отключён")

    monkeypatch.setattr(service, "list_in_register", broken)
    result = run("person", "Тарасов В.А.", archive, "-o", tmp_path / "record.docx")
    assert result.exit_code != 0
    assert sorted(p.name for p in year.iterdir()) == before
    assert not (year.parent / ".rmo" / "2025-2026" / service.JOURNAL).exists()
    monkeypatch.undo()
    monkeypatch.setattr("generator.archive.issued.today", lambda: DAY)
    # A build killed after its journal: the record's own write finishes it first.
    service.journal_path(year).write_text('{"entries": [], "current": {}}', encoding="utf-8")
    issue(archive, "Тарасов В.А.", tmp_path)
    assert not service.journal_path(year).exists()
    assert "Справка об участии (Тарасов В.А., 2023–2026).docx" in \
        {e.file for e in register.load(year)}


def test_ambiguous_and_unknown_names(archive, tmp_path):
    result = run("person", "Смирнова Е.П.", archive, "-o", tmp_path / "s.docx")
    assert result.exit_code == 1
    assert result.output == (
        "Ошибка: «Смирнова Е.П.» — в книгах архива за 2023/2024–2025/2026 несколько человек "
        "с таким именем: Смирнова Екатерина Петровна (учитель химии, МБОУ «Лицей» "
        "г. Советский; 2025/2026); Смирнова Елена Павловна (учитель биологии, МБОУ «СОШ № 5» "
        "г. Советский; 2023/2024–2025/2026). Укажите полное ФИО — так, как оно записано на "
        "листе «Участники».\n")
    # Within a period only one of them was there: the initials are enough.
    assert record.find("Смирнова Е.П.", [record.Source(archive)], 2023, 2024).name == \
        "Смирнова Елена Павловна"
    result = run("person", "Сидоров П.П.", archive, "-o", tmp_path / "s.docx")
    assert result.output == (
        "Ошибка: «Сидоров П.П.» — такого человека нет в книгах архива за 2023/2024–2025/2026 "
        "(лист «Участники»). Напишите ФИО полностью или как «Фамилия И.О.».\n")
    result = run("person", "Тарасова Виктория Андреевна", archive, "-o", tmp_path / "s.docx")
    assert "Может быть, «Тарасов Виктор Андреевич»?" in result.output
    result = run("person", "Смирнова Екатерина Петровна", archive, "-o", tmp_path / "s.docx",
                 "--until", "2024/2025")
    assert result.output == (
        "Ошибка: «Смирнова Екатерина Петровна» нет в книгах архива за 2023/2024–2024/2025; в "
        "другие годы: Смирнова Екатерина Петровна (учитель химии, МБОУ «Лицей» г. Советский; "
        "2025/2026). Выберите период, в котором человек есть в книгах.\n")
    assert not (tmp_path / "s.docx").exists()


def test_period_mistakes(archive, tmp_path):
    target = tmp_path / "t.docx"
    assert run("person", "Тарасов В.А.", archive, "-o", target, "--since", "2024").output == (
        "Ошибка: Начало периода «2024» — не учебный год. Напишите его так: 2023/2024.\n")
    assert run("person", "Тарасов В.А.", archive, "-o", target, "--since", "2025/2026",
               "--until", "2023/2024").output == (
        "Ошибка: Начало периода (2025/2026) позже его конца (2023/2024).\n")
    assert run("person", "Тарасов В.А.", archive, "-o", target, "--since", "2019/2020",
               "--until", "2020/2021").output == (
        "Ошибка: В архиве нет книг за 2019/2020–2020/2021; есть: 2023/2024, 2024/2025, "
        "2025/2026.\n")
    assert run("person", "Тарасов В.А.", tmp_path / "нет", "-o", target).output == (
        "Ошибка: В архиве нет ни одной книги учебного года: сначала сделайте документы "
        "командой «rmo build книга.xlsx».\n")
    target.write_bytes(b"x")
    assert run("person", "Тарасов В.А.", archive, "-o", target).output == (
        f"Ошибка: Файл «{target}» уже есть; rmo не перезаписывает файлы. Укажите другое имя.\n")
    assert target.read_bytes() == b"x"


@pytest.mark.parametrize("signer, said", [
    ("", "не заполнено «Подписывает справки», а руководитель объединения не подписывает "
         "справку о себе"),
    ("Руководитель РМО Н.С. Ковалёва", "«Подписывает справки» называет того, кому справка "
                                       "выдаётся")])
def test_a_record_nobody_can_sign_is_not_written(tmp_path, signer, said):
    archive = chemistry_sample.build_archive(tmp_path, signer, years=(2025,))
    target = tmp_path / "k.docx"
    result = run("person", "Ковалёва Наталья Сергеевна", archive, "-o", target)
    cell = "" if not signer else ", ячейка B10"
    sheet = f"Лист «Объединение»{cell}: " if signer else "Лист «Объединение»: "
    assert result.output == (
        f"Ошибка: {sheet}справку об участии (Ковалёва{NB}Н.С.) подписать некому: в книге "
        f"2025/2026 учебного года «rmo-2025-2026.xlsx» {said}. Впишите параметр "
        "«Подписывает справки» — должность и ФИО руководителя организации, например "
        "«Директор МАУ «БМЦ» Е.А. Иванова», и сделайте документы этого года заново.\n")
    assert not target.exists()
    assert not list((archive / "2025-2026").glob("Справка об участии*"))
