"""The checksum of every document rmo writes for the sample and the test associations: the
proof that a regrouping of the code changes no output (issue 21).

Run before and after a change, on the same day (certificates carry the day of issue), and
compare:
    python tools/output_digest.py > before.txt
    python tools/output_digest.py | diff before.txt -
The workbooks' copies and the journal «Реестр документов.xlsx» are left out: they hold the time
of the build.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.build import build  # noqa: E402 — after the path is set
from generator.figures.record import Source, find  # noqa: E402
from generator.record_file import write  # noqa: E402
from generator.report import write_summary  # noqa: E402
from tests import chemistry_sample, second_sample, third_sample  # noqa: E402


def digest(folder: Path) -> list[str]:
    """«checksum path» of every .docx under a folder, the archive's service files left out."""
    return [f"{hashlib.sha256(path.read_bytes()).hexdigest()[:16]} {path.relative_to(folder)}"
            for path in sorted(folder.rglob("*.docx")) if ".rmo" not in path.parts]


def main() -> None:
    lines = []
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        books = {"sample": ROOT / "data" / "rmo-2025-2026.xlsx",
                 "second": second_sample.write(work / "urai.xlsx"),
                 "third": third_sample.write(work / "math.xlsx")}
        for name, book in books.items():
            build(book, work / name)
        chemistry = chemistry_sample.build_archive(work / "chemistry")
        reports = work / "reports"
        reports.mkdir()
        write_summary(list(books.values()), reports / "Сводный отчёт.docx")
        found = find("Тарасов В.А.", [Source(chemistry)])
        write(found, reports / "Справка за годы.docx")
        for name in (*books, "chemistry", "reports"):
            lines += [f"{name} {line}" for line in digest(work / name)]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
