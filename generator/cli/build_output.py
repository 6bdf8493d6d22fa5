"""What `rmo build` says on the screen: each document as it is written, the PDF counter, the
one-line total and the documents not ready."""

from __future__ import annotations

from pathlib import Path

import click

from .terminal import number_of, say, terminal_width


class Screen:
    """The lines of one build as it runs: a document per line (the unchanged ones with -v
    only), and while LibreOffice works, one counter line rewritten in a terminal."""

    def __init__(self, *, verbose: bool, dry_run: bool) -> None:
        self.verbose, self.dry_run = verbose, dry_run
        self.width = terminal_width(err=False)
        self.counting = False  # a PDF counter line is on the screen

    def clear_counter(self) -> None:
        if self.counting:  # LibreOffice stopped short of the total
            click.echo("\r" + " " * (self.width or 0) + "\r", nl=False)
            self.counting = False

    def document(self, item) -> None:
        """One document written (or, with --dry-run, to be written)."""
        from ..archive.store import State

        self.clear_counter()
        if item.status is State.UNCHANGED and not self.verbose:
            return
        extra = f" + {item.pdf.name}" if item.pdf else ""
        if item.note:  # «…docx: изменён вручную после записи — оставлен как есть»
            say(f"  {item.path}: {item.note}{extra}")
            return
        status = item.status.label if not self.dry_run or item.status is State.UNCHANGED \
            else f"будет: {item.status.label}"
        say(f"  {status:<14} {item.path}{extra}")

    def pdf_step(self, done: int, total: int, path: Path) -> None:
        """A counter and the file LibreOffice is on: one line rewritten in a terminal,
        a line each elsewhere (a log)."""
        line = f"  PDF {done} из {total}: {path.name}"
        if self.width is None:
            say(line)
            return
        click.echo("\r" + line[:self.width].ljust(self.width), nl=False)
        self.counting = done < total
        if done == total:
            click.echo("\r" + " " * self.width + "\r", nl=False)


def unready(documents) -> None:
    """The documents a build could not issue, each with what to fill in: listed after the
    total, so they are not lost among the written ones."""
    if not documents:
        return
    say(f"Не готовы — не записаны ({len(documents)}):")
    for document in documents:
        say(f"  {document.filename.removesuffix('.docx')}")
        for missing in document.missing:
            say(f"    {missing}")


def summary(results, *, dry_run: bool = False, pdf: bool = False) -> str:
    """The one-line total of a build: «Итого: 2 новых документа, 28 без изменений.»"""
    from ..archive.store import State

    def tally(status: State) -> int:
        return sum(1 for r in results if r.status is status)

    new, version, unchanged = tally(State.NEW), tally(State.VERSION), tally(State.UNCHANGED)
    edited, earlier = tally(State.EDITED), tally(State.EARLIER)
    pdfs = sum(1 for r in results if r.pdf)
    parts = []
    if new:
        parts.append(number_of(new, "новый документ", "новых документа", "новых документов"))
    if version:
        parts.append(number_of(version, "новая версия", "новые версии", "новых версий"))
    if edited:
        parts.append(number_of(edited, "изменён вручную", "изменены вручную",
                               "изменены вручную"))
    if earlier:
        parts.append(number_of(earlier, "совпадает с прежней версией",
                               "совпадают с прежними версиями", "совпадают с прежними версиями"))
    if pdf and pdfs:
        parts.append(f"{pdfs} PDF")
    if not parts:
        total = len(results)
        return (f"{'Будет записано' if dry_run else 'Итого'}: ничего нового — "
                f"{number_of(total, 'документ', 'документа', 'документов')} без изменений.")
    if unchanged:
        parts.append(f"{unchanged} без изменений")
    if dry_run:
        return f"Будет записано: {', '.join(parts)}; ничего не записано."
    return f"Итого: {', '.join(parts)}."
