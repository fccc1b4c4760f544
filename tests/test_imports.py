"""The package's layers: no module imports, directly or through others, a module that imports
it back. Imports are read from the source (ast) at any depth, so a lazy import inside a
function counts. A name imported only for type checkers (`if TYPE_CHECKING:`) does not: it
never runs, and a result that renders itself (`Assessment._repr_html_` calls `render`) lets
`render` name the type it formats."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cpo_model"


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom, known) -> list[str]:
    """The modules a `from ... import ...` loads: `from . import engine` loads `engine`;
    `from .model import assess` loads `model`."""
    if node.level == 0:
        base = node.module or ""
    else:
        parts = module.split(".")
        parts = parts if is_package else parts[:-1]
        parts = parts[: len(parts) - (node.level - 1)]
        base = ".".join(parts + ([node.module] if node.module else []))
    return [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Module -> the package's modules it imports (at run time)."""
    paths = {_module_name(p, root): p for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found: set[str] = set()
        typing_only = {
            id(n)
            for block in ast.walk(tree)
            if isinstance(block, ast.If)
            and isinstance(block.test, ast.Name)
            and block.test.id == "TYPE_CHECKING"
            for stmt in block.body
            for n in ast.walk(stmt)
        }
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                targets = _resolve(name, path.name == "__init__.py", node, paths)
            else:
                continue
            found |= {t for t in targets if t in paths and t != name}
        graph[name] = found
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / "cpo_model" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "cpo_model"


def test_the_checker_finds_lazy_cycles_and_ignores_type_checking_names(tmp_path):
    pkg = _write(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from .b import x\n",
            "b.py": "def f():\n    from . import a\n",
            "c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .d import y\n",
            "d.py": "from .c import z\n",
            "f.py": "from . import a\nimport cpo_model.c\n",
            "sub/__init__.py": "from ..a import x\n",
            "sub/e.py": "from .. import sub\n",
        },
    )
    graph = import_graph(pkg)
    assert graph["cpo_model.f"] == {"cpo_model.a", "cpo_model.c"}
    assert graph["cpo_model.c"] == set()  # a name for type checkers only: never imported
    assert cycles(graph) == [["cpo_model.a", "cpo_model.b"]]


@pytest.mark.parametrize("package", [PACKAGE], ids=["cpo_model"])
def test_the_package_has_no_import_cycle(package):
    graph = import_graph(package)
    assert len(graph) > 50 and "cpo_model.engine" in graph["cpo_model.model"]
    assert cycles(graph) == []
