"""Benchmark of rmo: whole processes, several repetitions, medians.

Run from the repository root with the package installed:  python bench/run.py
Writes bench/results.json and, when an earlier one exists, prints the change against it.

1. `rmo build` of the sample: the whole year's set, without PDF;
2. the floor: the same libraries doing the same I/O with no logic — openpyxl reads the
   workbook, pymorphy3 and pytrovich load their dictionaries, and each document of step 1 is
   loaded with docxtpl, rendered with an empty context and saved;
3. `rmo --help` and `rmo check` on the sample;
4. scaling: workbooks with 1x, 4x and 16x the sample's meetings, members and participation.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generator.russian.text import plural

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "rmo-2025-2026.xlsx"
RESULTS = ROOT / "bench" / "results.json"
REPEAT = int(os.environ.get("RMO_BENCH_REPEAT", "7"))
FACTORS = (1, 4, 16)

FLOOR = """
import sys
from pathlib import Path
import openpyxl
import pymorphy3
from docxtpl import DocxTemplate
from pytrovich.maker import PetrovichDeclinationMaker

# The libraries' own start: the declension dictionaries load before any word is declined.
pymorphy3.MorphAnalyzer()
PetrovichDeclinationMaker()

book = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
for sheet in book.worksheets:
    for row in sheet.iter_rows(values_only=True):
        pass
book.close()
out = Path(sys.argv[3])
for path in sorted(Path(sys.argv[2]).glob("*.docx")):
    document = DocxTemplate(path)
    document.render({})
    document.save(out / path.name)
"""


def rmo() -> list[str]:
    found = shutil.which("rmo")
    return [found] if found else [sys.executable, "-m", "generator"]


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, int]:
    """Wall time in seconds and peak memory in MB of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    process.stderr.close()
    return elapsed, usage.ru_maxrss // 1024


def _summary(runs: list[tuple[float, int]]) -> dict:
    times = [t for t, _ in runs]
    return {"seconds": round(statistics.median(times), 3), "peak_mb": max(m for _, m in runs),
            "runs": [round(t, 3) for t in times]}


def median_run(make_command, repeat: int = REPEAT) -> dict:
    return _summary([timed(make_command()) for _ in range(repeat)])


def scaled_workbook(factor: int, target: Path) -> dict:
    """The sample with its meetings, members and participation rows multiplied."""
    sys.path.insert(0, str(ROOT / "tools"))
    sys.path.insert(0, str(ROOT))
    import datetime as dt

    import make_sample as sample

    from generator.workbook.blank import write_workbook

    suffixes = ["", "ина", "ова", "ева", "ская", "ина-Ким", "ова-Бойко", "ская-Лан",
                "иха", "ия", "ыга", "юк", "ук", "ец", "ко", "ан"]
    people = [sample.PEOPLE[0], sample.PEOPLE[1]]
    for k in range(factor):
        for row in sample.PEOPLE[2:]:
            surname, initials = row[0].split(" ")
            people.append([f"{surname}{suffixes[k]} {initials}", *row[1:]])
    members = [p[0] for p in people if p[3] != "приглашённый"]
    count = 3 * factor
    start = dt.date(2025, 9, 1)
    meetings = [[n, f"Период {n}", start + dt.timedelta(days=(n - 1) * 300 // count), None,
                 None] for n in range(1, count + 1)]
    agenda = []
    for n in range(1, count + 1):
        for i, item in enumerate(sample.AGENDA[(n - 1) % 3 * 4:(n - 1) % 3 * 4 + 5]):
            speaker = members[(n * 5 + i) % len(members)] if item[2] else None
            agenda.append([n, item[1], speaker, item[3], None, item[5], None])
    calendar = [row for row in sample.CALENDAR if row[4] is None]
    marks = [("ФИО", *range(1, count + 1))]
    for i, name in enumerate(members):
        marks.append([name, *("+" if (i + n) % 7 else "болезнь" for n in range(count))])
    participation = []
    for k in range(factor):
        for j, row in enumerate(sample.PARTICIPATION):
            participation.append([members[(k * 6 + j) % len(members)], *row[1:]])
    rows = {
        "Объединение": sample.ASSOCIATION,
        "Разделы плана": [["Задачи", t, d] for t, d in sample.TASKS],
        "Участники": people,
        "Календарный план": calendar,
        "Заседания": meetings,
        "Повестка": agenda,
        "Посещаемость": marks,
        "Участие": participation,
        "Итоги": sample.SUMMARY,
    }
    write_workbook(target, rows)
    return {"meetings": count, "members": len(members), "participation": len(participation),
            "attendance_cells": count * len(members), "bytes": target.stat().st_size}


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="rmo-bench-"))
    results: dict = {"machine": f"{os.cpu_count()} cores, Python {sys.version.split()[0]}",
                     "repeat": REPEAT}
    try:
        counter = iter(range(10_000))

        def build_sample():
            return [*rmo(), "build", str(SAMPLE), "-o", str(work / f"out{next(counter)}")]

        timed(build_sample())  # the documents the floor opens, and a warm disk cache
        documents = work / "out0" / "2025-2026"
        results["documents"] = len(list(documents.glob("*.docx")))
        floor_script = work / "floor.py"
        floor_script.write_text(FLOOR, encoding="utf-8")

        def floor():
            out = work / f"floor{next(counter)}"
            out.mkdir()
            return [sys.executable, str(floor_script), str(SAMPLE), str(documents), str(out)]

        # Build and floor alternate, so that the machine's noise falls on both alike; the
        # ratio is the median of the ratios of each pair.
        pairs = [(timed(build_sample()), timed(floor())) for _ in range(REPEAT)]
        results["build"] = _summary([b for b, _ in pairs])
        results["floor"] = _summary([f for _, f in pairs])
        results["ratio_build_to_floor"] = round(
            statistics.median(b[0] / f[0] for b, f in pairs), 2)
        results["help"] = median_run(lambda: [*rmo(), "--help"])
        results["check"] = median_run(lambda: [*rmo(), "check", str(SAMPLE)])

        scaling = {}
        for factor in FACTORS:
            book = work / f"x{factor}.xlsx"
            size = scaled_workbook(factor, book)
            run = median_run(lambda b=book: [*rmo(), "build", str(b), "-o",
                                             str(work / f"s{next(counter)}")],
                             repeat=max(1, REPEAT // 2))
            outputs = sorted(work.glob("s*"))[-1]
            run["documents"] = sum(1 for _ in outputs.rglob("*.docx"))
            scaling[f"{factor}x"] = {**size, **run}
        base = scaling["1x"]
        for factor in FACTORS:
            row = scaling[f"{factor}x"]
            row["time_growth"] = round(row["seconds"] / base["seconds"], 2)
            row["memory_growth"] = round(row["peak_mb"] / base["peak_mb"], 2)
            row["documents_growth"] = round(row["documents"] / base["documents"], 2)
        results["scaling"] = scaling
    finally:
        shutil.rmtree(work, ignore_errors=True)

    previous = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else None
    report(results, previous)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n",
                       encoding="utf-8")


def report(results: dict, previous: dict | None) -> None:
    sys.path.insert(0, str(ROOT))
    def was(*keys) -> str:
        value = previous
        for key in keys:
            if not isinstance(value, dict) or key not in value:
                return ""
            value = value[key]
        return f"  (было {value})"

    print(f"Машина: {results['machine']}; повторов: {results['repeat']}; медианы.")
    count = results["documents"]
    documents = f"{count} {plural(count, 'документ', 'документа', 'документов')}"
    print(f"1. rmo build, образец ({documents}): "
          f"{results['build']['seconds']} с, пик {results['build']['peak_mb']} МБ"
          + was("build", "seconds"))
    print(f"2. нижняя граница (те же библиотеки, без логики): {results['floor']['seconds']} с"
          + was("floor", "seconds"))
    print(f"   отношение 1 к 2 (медиана по парам запусков): {results['ratio_build_to_floor']}"
          + was("ratio_build_to_floor"))
    print(f"3. rmo --help: {results['help']['seconds']} с" + was("help", "seconds")
          + f"; rmo check: {results['check']['seconds']} с" + was("check", "seconds"))
    from generator.russian.text import count

    print("4. рост с данными (заседания, участники и участие × k):")
    for key, row in results["scaling"].items():
        print(f"   {key:>3}: {count(row['meetings'], 'заседание', 'заседания', 'заседаний')}, "
              f"{count(row['members'], 'участник', 'участника', 'участников')}, "
              f"{count(row['documents'], 'документ', 'документа', 'документов')} — "
              f"{row['seconds']} с (×{row['time_growth']}), "
              f"пик {row['peak_mb']} МБ (×{row['memory_growth']})"
              + was("scaling", key, "seconds"))


if __name__ == "__main__":
    main()
