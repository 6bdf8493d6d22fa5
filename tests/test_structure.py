"""The shape of the package: no import cycle, so every module can be read (and tested) after
the modules it uses."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "generator"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_only(tree: ast.Module) -> set[ast.AST]:
    """Imports under `if TYPE_CHECKING:`: annotations only, never run."""
    found: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            found |= {child for stmt in node.body for child in ast.walk(stmt)}
    return found


def import_graph(annotations: bool = False) -> dict[str, set[str]]:
    """Module → the package's modules it imports, at the top or inside a function alike
    (a lazy import only hides a cycle); imports for type annotations only are left out
    unless ``annotations``."""
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = set() if annotations else _type_only(tree)
        for node in ast.walk(tree):
            if node in skipped:
                continue
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = package
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                module = (f"{base}.{node.module}" if node.module else base) if node.level \
                    else node.module or ""
                # `from . import archive` names modules; `from .x import f` names module x.
                targets = [f"{module}.{a.name}" if f"{module}.{a.name}" in files else module
                           for a in node.names]
            graph[name] |= {t for t in targets if t in files and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, state = [], {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


@pytest.mark.slow
def test_the_graph_sees_the_package():
    graph = import_graph()
    assert "generator.render.render" in graph["generator.build"]
    assert "generator.ooxml" in graph["generator.render.charts"]  # an import inside a function
    assert "generator.archive.store" in graph["generator.build"]  # `from . import archive`


@pytest.mark.slow
def test_no_import_cycle_in_the_package():
    assert cycles(import_graph()) == []
    # Not even for a type annotation: a knot of responsibility all the same.
    assert cycles(import_graph(annotations=True)) == []


HOUSE = ("cli", "web", "render", "documents", "figures", "workbook", "archive", "russian")


def _package(module: str) -> str:
    """generator.workbook.cells → generator.workbook; a module at the top stands for itself."""
    parts = module.split(".")
    is_package = len(parts) > 2 or (PACKAGE / parts[-1]).is_dir() if len(parts) > 1 else True
    return ".".join(parts[:2]) if is_package else module


def test_no_import_cycle_between_the_stage_packages():
    """The stages as HOUSE lists them, faces first: each package imports only packages after
    it (render → documents → figures → workbook → archive → russian), never back into one
    that uses it, not even for a type annotation."""
    graph = import_graph(annotations=True)
    packages: dict[str, set[str]] = {}
    for module, targets in graph.items():
        if module.count(".") < 2 and not (PACKAGE / module.split(".")[-1]).is_dir():
            continue  # the top modules (errors, model, ooxml; build, report) are not a stage
        packages.setdefault(_package(module), set()).update(
            _package(t) for t in targets if t.count(".") >= 2 and _package(t) != _package(module))
    packages = {name: {t for t in targets if t in packages} for name, targets in packages.items()}
    assert cycles(packages) == []
    # The house the README draws: each package imports only the packages right of it.
    order = [f"generator.{name}" for name in HOUSE]
    assert sorted(packages) == sorted(order)
    backwards = sorted(f"{name} → {target}" for name, targets in packages.items()
                       for target in targets if order.index(target) < order.index(name))
    assert backwards == []


def test_a_module_over_400_lines_says_why_at_its_top():
    long = [str(p.relative_to(PACKAGE.parent)) for p in PACKAGE.rglob("*.py")
            if "migrations" not in p.parts
            and len(p.read_text(encoding="utf-8").splitlines()) > 400
            and "# Over 400 lines:" not in p.read_text(encoding="utf-8")[:3000]]
    assert long == []


def test_no_function_of_the_package_is_over_80_lines():
    long = []
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and \
                    node.end_lineno - node.lineno >= 80:
                long.append(f"{path.relative_to(PACKAGE.parent)}: {node.name}")
    assert long == []


def _commands(group, prefix: str = "rmo"):
    import click

    for name, command in sorted(group.commands.items()):
        yield f"{prefix} {name}", command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix} {name}")


def test_every_command_has_russian_help_and_is_in_the_readme():
    import re

    from generator.cli.main import main

    readme = " ".join((PACKAGE.parent / "README.md").read_text(encoding="utf-8").split())
    found = list(_commands(main))
    assert len(found) > 10
    for path, command in found:
        assert re.search("[а-яё]", command.help or "", re.I), f"{path}: no Russian help"
        assert re.search("[а-яё]", command.short_help or command.help or "", re.I)
        assert path in readme, f"{path} is not in the README"


def _said(pattern: str) -> list[str]:
    """The package's modules whose code (not comments) matches a regular expression."""
    import re

    return sorted(str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                  if re.search(pattern, "\n".join(line.split("#")[0] for line in
                                                  p.read_text(encoding="utf-8").splitlines())))


def test_a_year_folders_label_is_written_by_one_function():
    from generator.model import SchoolYear, year_label

    assert year_label(SchoolYear(2025).folder) == SchoolYear(2025).label == "2025/2026"
    assert _said(r"""replace\(["']-["'], ["']/["']\)""") == ["model.py"]


def test_the_registers_time_is_written_in_one_place():
    """How the register writes a moment is said once, in archive/times.py."""
    found = [str(p.relative_to(PACKAGE.parent)) for p in PACKAGE.rglob("*.py")
             if p.name != "times.py" and "%H:%M:%S" in p.read_text(encoding="utf-8")]
    assert found == []
