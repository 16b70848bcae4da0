"""The import layers of the project, read from the source (ast), imports inside functions included.

From the ground up: `lib` (imports nothing of ours), `audit`, `organisasi`, the domain apps, `demo`, and
`eoffice` (the project shell) on top. Nothing may import in a circle, neither between modules nor
between apps, except an import whose statement carries a comment with `# layer: <why>`. No app imports
`demo` (only the tests and bin/demo do). No module is longer than 600 lines.

Run it as a script to see the graph's cycles and each app's dependencies:
`.venv/bin/python -m tests.test_layers`.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Folders that are not part of the running application.
NOT_OURS = {"tests", "bench", "node_modules", "deploy", "docs", "static", "templates", "bin"}
MARK = "# layer:"
MAX_LINES = 600


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, e.g. "surat.views.naskah"
    target: str  # the imported module of ours, e.g. "disposisi.selectors"
    line: int
    marked: bool  # the statement carries "# layer: <why>"


def packages(root: Path = ROOT) -> list[str]:
    """Our top-level packages (apps, lib, the project shell)."""
    return sorted(
        p.name for p in root.iterdir() if (p / "__init__.py").is_file() and p.name not in NOT_OURS | {".venv"}
    )


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Module name -> file, for every module of our packages except migrations."""
    found = {}
    for package in packages(root):
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if "migrations" in parts:
                continue
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    """The module of ours `name` lands in: the longest known prefix ("surat.services.HOOKS" -> surat.services)."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def imports(root: Path = ROOT) -> list[Import]:
    """Every import of one of our modules by another, wherever it stands (module level, inside a function,
    under `if TYPE_CHECKING:`)."""
    known = modules(root)
    found = []
    for name, path in known.items():
        source = path.read_text()
        lines = source.splitlines()
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(source, str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    package = name if is_package else name.rpartition(".")[0]
                    for _ in range(node.level - 1):
                        package = package.rpartition(".")[0]
                    base = f"{package}.{base}" if base else package
                targets = [f"{base}.{alias.name}" for alias in node.names]
            else:
                continue
            marked = any(MARK in lines[i - 1] for i in range(node.lineno, (node.end_lineno or node.lineno) + 1))
            for target in targets:
                module = _resolve(target, known)
                if module is not None and module != name:
                    found.append(Import(name, module, node.lineno, marked))
    return found


def app_of(module: str) -> str:
    return module.partition(".")[0]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def module_graph(found: list[Import]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for imp in found:
        if not imp.marked:
            graph[imp.source].add(imp.target)
    return graph


def app_graph(found: list[Import]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for imp in found:
        if not imp.marked and app_of(imp.source) != app_of(imp.target):
            graph[app_of(imp.source)].add(app_of(imp.target))
    return graph


def _where(found: list[Import], members: list[str], key) -> list[str]:
    """The unmarked imports that make up a cycle, as 'module:line -> module' lines."""
    inside = set(members)
    lines = {
        f"{i.source}:{i.line} -> {i.target}"
        for i in found
        if not i.marked and key(i.source) in inside and key(i.target) in inside and key(i.source) != key(i.target)
    }
    return sorted(lines)


# ---------------------------------------------------------------- the project


def test_no_import_cycle_between_modules():
    found = imports()
    problems = {" / ".join(c): _where(found, c, lambda m: m) for c in cycles(module_graph(found))}
    assert problems == {}, "import cycles between modules (break them, or mark the import '# layer: <why>')"


def test_no_import_cycle_between_apps():
    found = imports()
    problems = {" / ".join(c): _where(found, c, app_of) for c in cycles(app_graph(found))}
    assert problems == {}, "import cycles between apps (break them, or mark the import '# layer: <why>')"


def test_lib_imports_nothing_of_ours():
    """lib/ is the ground floor: it may use itself, nothing else of ours."""
    assert [
        f"{i.source}:{i.line} -> {i.target}"
        for i in imports()
        if app_of(i.source) == "lib" and app_of(i.target) != "lib"
    ] == []


def test_no_app_imports_the_demo():
    assert [
        f"{i.source}:{i.line} -> {i.target}"
        for i in imports()
        if app_of(i.target) == "demo" and app_of(i.source) != "demo"
    ] == []


def test_no_module_over_600_lines():
    """A module that long does several things: split it (migrations are exempt: they are generated)."""
    long = {name: n for name, path in modules().items() if (n := len(path.read_text().splitlines())) > MAX_LINES}
    assert long == {}


# ---------------------------------------------------------------- the reader itself


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def test_reader_finds_imports_inside_functions_relative_ones_and_skips_migrations(tmp_path):
    root = _tree(
        tmp_path,
        {
            "alpha/__init__.py": "",
            "alpha/models.py": "",
            "alpha/views/__init__.py": "def page():\n    from beta import services\n",
            "alpha/views/list.py": "from ..models import X\n",
            "alpha/migrations/__init__.py": "",
            "alpha/migrations/0001_x.py": "import beta.services\n",
            "beta/__init__.py": "",
            "beta/services.py": "from .helpers import y\n",
            "beta/helpers.py": "from alpha import models  # layer: helpers need the models\n",
        },
    )
    found = {(i.source, i.target, i.marked) for i in imports(root)}
    assert found == {
        ("alpha.views", "beta.services", False),
        ("alpha.views.list", "alpha.models", False),
        ("beta.services", "beta.helpers", False),
        ("beta.helpers", "alpha.models", True),
    }


def test_reader_reports_a_cycle_unless_an_import_of_it_is_marked(tmp_path):
    files = {
        "alpha/__init__.py": "",
        "alpha/a.py": "from beta import b\n",
        "beta/__init__.py": "",
        "beta/b.py": "def f():\n    import alpha.a\n",
    }
    found = imports(_tree(tmp_path, files))
    assert cycles(module_graph(found)) == [["alpha.a", "beta.b"]]
    assert cycles(app_graph(found)) == [["alpha", "beta"]]
    files["beta/b.py"] = "def f():\n    import alpha.a  # layer: b calls back into a on purpose\n"
    assert cycles(module_graph(imports(_tree(tmp_path, files)))) == []


if __name__ == "__main__":
    found = imports()
    for label, graph, key in (("modules", module_graph(found), lambda m: m), ("apps", app_graph(found), app_of)):
        for cycle in cycles(graph):
            print(f"cycle between {label}: {' / '.join(cycle)}")
            for line in _where(found, cycle, key):
                print(f"    {line}")
    apps = app_graph(found)
    for package in packages():
        print(f"{package} -> {', '.join(sorted(apps.get(package, ()))) or '(nothing of ours)'}")
    for imp in found:
        if imp.marked:
            print(f"marked: {imp.source}:{imp.line} -> {imp.target}")
