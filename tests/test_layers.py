"""The import rules of DESIGN.md, read from every module's source (ast), so that a new import
that breaks them fails here: the floor (model, ids, errors, and atomic: the one way a file is
written, which every layer that writes needs) imports nothing else of the project;
ingest, graph and search import only the floor and themselves (graph/govern* may also use
search); nothing imports the roof (the app and web/) from below; and no modules import each
other in a circle."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("alinea", "ingest", "graph", "search", "web")
FLOOR = {"alinea.model", "alinea.ids", "alinea.errors", "alinea.atomic"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))}


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """Project modules a module imports, anywhere in it (functions and TYPE_CHECKING blocks included)."""
    out: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1] + ([base] if base else []))
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


IMPORTS = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(name: str) -> str:
    if name in FLOOR:
        return "floor"
    top = name.split(".")[0]
    if top == "graph" and name.split(".")[-1].startswith("govern"):
        return "govern"
    return top if top in ("ingest", "graph", "search") else "roof"


ALLOWED = {
    "floor": {"floor"},
    "ingest": {"floor", "ingest"},
    "graph": {"floor", "graph"},
    "search": {"floor", "search"},
    "govern": {"floor", "graph", "govern", "search"},
    "roof": {"floor", "ingest", "graph", "govern", "search", "roof"},
}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_point_down(name):
    layer = _layer(name)
    wrong = sorted(t for t in IMPORTS[name] if _layer(t) not in ALLOWED[layer])
    assert not wrong, f"{name} ({layer}) imports {wrong}, above its layer (DESIGN.md, Layers)"


def test_the_layer_rules_see_imports():
    assert "alinea.ids" in IMPORTS["graph.cite.resolve"]
    assert _layer("graph.govern") == "govern" and _layer("alinea.kb") == "roof"


def test_no_import_cycles():
    """Tarjan's strongly connected components over the module import graph: none has two modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in IMPORTS[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(IMPORTS):
        if module not in index:
            visit(module)
    assert not cycles, f"modules importing each other in a circle: {cycles}"
