"""`rmo person`: the record of one person's work in the association over the school years the
archive keeps (generator.figures.record), for attestation.
Thin: finds, issues, says what was written."""

from __future__ import annotations

from pathlib import Path

import click

from .terminal import Argument, Command, say


@click.command("person", cls=Command)
@click.argument("name", cls=Argument, metavar="ФИО",
                description="Полностью («Тарасов Виктор Андреевич») или «Тарасов В.А.», "
                            "как на листе «Участники»; «ё» можно писать как «е».")
@click.argument("out_dir", cls=Argument, metavar="[АРХИВ]", required=False,
                type=click.Path(path_type=Path, file_okay=False), default=Path("archive"),
                description="Папка архива (по умолчанию archive, как у «rmo build»).")
@click.option("-o", "--out", "target", type=click.Path(path_type=Path, dir_okay=False),
              required=True, metavar="ФАЙЛ",
              help="Имя справки (.docx); существующий файл не перезаписывается.")
@click.option("--since", metavar="ГОД", help="Первый учебный год справки, например "
                                             "2023/2024 (по умолчанию — первый в архиве).")
@click.option("--until", metavar="ГОД", help="Последний учебный год, например 2025/2026 "
                                             "(по умолчанию — последний в архиве).")
@click.option("--templates", "templates", type=click.Path(path_type=Path, file_okay=False),
              metavar="ПАПКА",
              help="Папка со своими шаблонами (см. «rmo templates»): берётся её "
                   "person.docx.")
def person(name: str, out_dir: Path, target: Path, since: str | None, until: str | None,
           templates: Path | None) -> None:
    """Справка об участии в работе РМО за несколько учебных лет — для аттестации.

    Программа берёт книги последней сборки каждого учебного года из архива
    АРХИВ и пишет справку на человека ФИО: по каждому году — членство,
    посещение заседаний, выступления с датами и протоколами, конкурсы и
    мероприятия, курсы с часами. Справка получает регистрационный номер
    и дату выдачи (как справки о выступлении), её копия ложится в папку
    последнего года и в его реестр. Подписывает её «Подписывает справки»
    из книги последнего года.

    \b
    Примеры:
      rmo person "Тарасов Виктор Андреевич" -o "Справка Тарасов.docx"
      rmo person "Тарасов В.А." archive -o справка.docx --since 2023/2024 --until 2025/2026
    """
    from .. import record_file
    from ..figures import record

    first = record.parse_year(since, "Начало периода") if since else None
    last = record.parse_year(until, "Конец периода") if until else None
    found = record.find(name, [record.Source(out_dir)], first, last)
    done = record_file.write(found, target, templates)
    say(f"Записана справка «{target}»: {found.name}, {found.period}, "
        f"рег. {done.issued}.")
    say(f"Копия в архиве: {done.kept}")
