"""The package's floors: imports run down only, no cycles, modules stay small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "src" / "pipeline_cli"

# What each floor may import from the package (besides itself and the shared root modules).
ALLOWED = {
    "pack": set(),
    "plan": {"pack"},
    "documents": {"pack", "plan"},
    "interview": {"pack", "plan"},
    "cli": {"pack", "plan", "documents", "interview"},
}
ROOT_MODULES = {"errors", "__init__", "__main__"}
MAX_LINES = 250


def _modules() -> dict[str, Path]:
    return {
        ".".join(p.relative_to(PKG).with_suffix("").parts): p
        for p in sorted(PKG.rglob("*.py"))
        if "stages" not in p.parts and "templates" not in p.parts
    }


def _imports(path: Path) -> set[str]:
    """Package modules this file imports (at any depth, lazy imports included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("pipeline_cli"):
                base = node.module.removeprefix("pipeline_cli").lstrip(".")
                for alias in node.names:
                    found.add(f"{base}.{alias.name}".lstrip(".") if base else alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("pipeline_cli."):
                    found.add(alias.name.removeprefix("pipeline_cli."))
    return found


def _floor(name: str) -> str:
    return name.split(".")[0]


@pytest.mark.parametrize("name", sorted(_modules()))
def test_imports_run_down_the_floors(name: str) -> None:
    floor = _floor(name)
    if floor in ROOT_MODULES:
        return
    allowed = ALLOWED[floor] | {floor} | ROOT_MODULES | {"__version__"}
    bad = sorted(i for i in _imports(_modules()[name]) if _floor(i) not in allowed)
    assert not bad, f"{name} ({floor}/) imports {bad}: floors import down only"


@pytest.mark.parametrize("name", sorted(_modules()))
def test_modules_stay_small(name: str) -> None:
    lines = len(_modules()[name].read_text().splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines; split it by concern"


def test_no_import_cycles() -> None:
    modules = _modules()
    graph = {
        name: {i for i in _imports(path) if i in modules or i.rpartition(".")[0] in modules}
        for name, path in modules.items()
    }
    # an imported name may be a module or an attribute of one: resolve to the module
    graph = {
        n: {i if i in modules else i.rpartition(".")[0] for i in deps} for n, deps in graph.items()
    }
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for dep in graph[node]:
            if dep == node or dep.endswith("__init__") or dep in {"cli", "pack"}:
                continue
            if state.get(dep) == 1:
                raise AssertionError(" -> ".join([*stack, node, dep]))
            if dep not in state:
                visit(dep, [*stack, node])
        state[node] = 2

    for name in graph:
        if name not in state:
            visit(name, [])
