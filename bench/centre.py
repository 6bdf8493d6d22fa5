"""Load benchmark of the centre server (not a test): builds through HTTP on loopback.

A centre with N associations (30 by default) is made; `rmo serve` runs it as a real process on
127.0.0.1; LOAD of the heads (20 by default) sign in, upload their association's workbook and
build it all at once; the rest build one after another. Then the methodist opens the summary
page of all N. Bounded: at most 40 associations, only 127.0.0.1, every request times out after
TIMEOUT seconds. Prints median and 95th-percentile build time, errors, documents lost, the
server's peak memory, and the summary page's time (first and repeated).

Run from the repository root with the package installed:  python bench/centre.py [LOAD [N]]
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.associations import write_associations  # noqa: E402
from generator.archive import register  # noqa: E402
from tests.centre_site import PASSWORD  # noqa: E402
from tests.test_centre_server import Browser, serve, stop  # noqa: E402

TIMEOUT = 600
LIMIT = 40


def make_centre(folder: Path, books: list[Path]) -> list[str]:
    """The centre's folder, associations and heads, made in a child process (it configures
    Django for the centre's database; this process stays a plain HTTP client)."""
    code = f"""
import sys
from pathlib import Path
from generator.web.centre.folder import create
from generator.web.centre.settings import configure
from openpyxl import load_workbook
centre = create(Path({str(folder)!r}))
configure(centre)
from generator.web.centre import people
names = []
for index, book in enumerate({[str(b) for b in books]!r}):
    name = load_workbook(book, read_only=True)["Объединение"]["B2"].value
    association = people.add_association(name)
    people.add_user(f"head{{index}}", people.Role.HEAD, [association], {PASSWORD!r})
    names.append(name)
people.add_user("metod", people.Role.METHODIST, [], {PASSWORD!r})
print("\\n".join(names))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=TIMEOUT)
    return done.stdout.splitlines()


def multipart(field: str, path: Path) -> tuple[bytes, str]:
    boundary = "rmo-bench-boundary"
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n'
            f"\r\n{{token}}\r\n--{boundary}\r\nContent-Disposition: form-data; "
            f'name="{field}"; filename="{path.name}"\r\nContent-Type: application/'
            "octet-stream\r\n\r\n")
    return head.encode() + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode(), boundary


def token(browser: Browser, path: str) -> str:
    _, page, _ = browser.open(path)
    return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()


def build(address: str, login: str, book: Path) -> tuple[float, str]:
    """Sign in, upload, build; the build request's seconds and an error text (or "")."""
    import urllib.request

    browser = Browser(address)
    if browser.login(login) != 302:
        return 0.0, f"{login}: вход не удался"
    body, boundary = multipart("workbook", book)
    body = body.replace(b"{token}", token(browser, "/").encode())
    request = urllib.request.Request(address + "/check/", data=body, headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}"})
    import urllib.error

    try:
        with browser.opener.open(request, timeout=TIMEOUT) as response:
            return 0.0, f"{login}: проверка {response.status}"
    except urllib.error.HTTPError as answer:  # 302 to the check page: not followed
        location = answer.headers.get("Location", "")
        answer.close()
    if "/check/" not in location:
        return 0.0, f"{login}: проверка {location}"
    upload_id = location.rstrip("/").split("/")[-1]
    csrf = token(browser, f"/check/{upload_id}/")
    started = time.perf_counter()
    code, page, headers = browser.open(f"/build/{upload_id}/", {"csrfmiddlewaretoken": csrf})
    seconds = time.perf_counter() - started
    if code != 302 or "/result/" not in headers.get("Location", ""):
        return seconds, f"{login}: сборка {code} {page[:200]!r}"
    return seconds, ""


def peak_memory(pid: int) -> int:
    """The server's peak resident memory in MB (VmHWM), its children included."""
    total = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            total += int(line.split()[1])
    return total // 1024


def main() -> None:
    load = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    assert 1 <= load <= count <= LIMIT, f"1 ≤ LOAD ≤ N ≤ {LIMIT}"
    work = Path(tempfile.mkdtemp(prefix="rmo-bench-centre-"))
    books = write_associations(count, work / "книги")
    folder = work / "центр"
    names = make_centre(folder, books)
    process, address = serve(folder)
    assert address.startswith("http://127.0.0.1:")
    try:
        results: list[tuple[float, str]] = [(0.0, "")] * count
        threads = [threading.Thread(target=lambda i=i: results.__setitem__(
            i, build(address, f"head{i}", books[i]))) for i in range(load)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=TIMEOUT)
        wall = time.perf_counter() - started
        for i in range(load, count):
            results[i] = build(address, f"head{i}", books[i])
        times = sorted(seconds for seconds, _ in results[:load])
        errors = [error for _, error in results if error]
        lost = 0
        for name in names:
            year = folder / "Объединения" / name / "2025-2026"
            listed = json.loads(register.path(year).read_text("utf-8"))["documents"] \
                if register.path(year).is_file() else []
            lost += sum(1 for e in listed if not (year / e["file"]).is_file())
            lost += 0 if any(e["file"].endswith(".docx") for e in listed) else 1
        methodist = Browser(address)
        methodist.login("metod")
        summary = []
        for _ in range(3):
            begin = time.perf_counter()
            code, page, _ = methodist.open("/centre/summary/")
            summary.append(time.perf_counter() - begin)
            assert code == 200 and f"Итого ({count})" in page.decode(), page[:300]
        memory = peak_memory(process.pid)
    finally:
        errors_text = stop(process)
    report = {
        "associations": count, "built_at_once": load, "wall_seconds": round(wall, 1),
        "build_median_seconds": round(statistics.median(times), 2),
        "build_p95_seconds": round(times[max(0, round(0.95 * len(times)) - 1)], 2),
        "errors": len(errors), "documents_lost": lost, "server_peak_memory_mb": memory,
        "summary_page_first_seconds": round(summary[0], 2),
        "summary_page_repeat_seconds": round(min(summary[1:]), 2),
    }
    print(json.dumps(report, ensure_ascii=False, indent=1))
    for error in errors:
        print(error, file=sys.stderr)
    if "Traceback" in errors_text:
        print(errors_text, file=sys.stderr)
    print(urllib.parse.unquote(str(work)), file=sys.stderr)


if __name__ == "__main__":
    main()
