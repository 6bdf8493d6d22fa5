"""Benchmark of the centre's summary: `rmo summary` over N varied association workbooks.

Run from the repository root with the package installed:  python bench/summary.py [N]
(N = 30 by default; RMO_BENCH_REPEAT runs, 5 by default). Prints the median wall time of the
whole command and how it splits into reading the workbooks and writing the report.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.associations import write_associations  # noqa: E402
from bench.run import rmo, timed  # noqa: E402

REPEAT = int(os.environ.get("RMO_BENCH_REPEAT", "5"))


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    work = Path(tempfile.mkdtemp(prefix="rmo-bench-summary-"))
    try:
        books = write_associations(count, work / "books")
        runs = [timed([*rmo(), "summary", *map(str, books), "-o", str(work / f"{i}.docx")])
                for i in range(REPEAT)]

        from generator.figures.centre import read_workbooks, summarise
        from generator.report import summary_docx

        reading, writing = [], []
        for _ in range(REPEAT):
            start = time.perf_counter()
            workbooks = read_workbooks(books)
            middle = time.perf_counter()
            summary_docx(summarise(workbooks, [b.name for b in books]))
            reading.append(middle - start)
            writing.append(time.perf_counter() - middle)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    seconds = statistics.median(t for t, _ in runs)
    print(f"rmo summary, {count} книг объединений: {seconds:.2f} с (медиана {REPEAT} запусков), "
          f"пик {max(m for _, m in runs)} МБ")
    print(f"  из них в одном процессе: чтение книг {statistics.median(reading):.2f} с, "
          f"отчёт {statistics.median(writing):.2f} с")


if __name__ == "__main__":
    main()
