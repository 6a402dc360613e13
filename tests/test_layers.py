"""The import graph of the package: layered, lowest first, with no cycle.

Every ``import`` counts (at the top of a module, inside a function, under
``TYPE_CHECKING``): a module may import modules of its own layer or of a layer
below, never one above, and no chain of imports leads back to where it started.
A new module must be given a layer here (the test says so), which is the moment
to decide where it belongs; docs/extending.md shows the diagram.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "jsitext"

#: Lowest first. A name matches a module or, ending in ".", every module of a package.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "foundations",
        ("jsitext", "problems", "markup", "align", "escape", "tables", "console", "source", "errors", "atomic", "yamlread", "report", "formats", "zips"),
    ),
    ("model", ("members", "model", "numbering", "schema")),
    ("loading", ("load",)),
    ("checks", ("checks", "checks.")),
    ("render", ("render", "render.")),
    ("diff", ("diff", "diff.")),
    ("commands", ("build", "stats", "positions", "positions_xlsx", "progress", "members_report", "authoring", "authoring.", "importing", "importing.")),
    ("cli", ("cli", "cli.", "__main__")),
)


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts) or "jsitext"] = path
    return out


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that module NAME imports (relative imports resolved)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".") if package and package != "jsitext" else []
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                module = ".".join([*base, *([node.module] if node.module else [])])
                module = f"jsitext.{module}" if module else "jsitext"
            else:
                module = node.module or ""
            submodules = {_short(f"{module}.{a.name}") for a in node.names} & known
            targets = list(submodules) or [module]  # "from x import submodule" names the submodule
        else:
            continue
        found.update(_short(t) for t in targets if t.startswith("jsitext") and _short(t) in known)
    return found - {name}


def _short(module: str) -> str:
    return module.removeprefix("jsitext.") if module != "jsitext" else "jsitext"


def _layer(name: str) -> int:
    for index, (_, members) in enumerate(LAYERS):
        if any(name == m or (m.endswith(".") and name.startswith(m)) for m in members):
            return index
    raise AssertionError(f"module jsitext.{name} has no layer: add it to LAYERS in tests/test_layers.py")


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, set(modules)) for name, path in modules.items()}


def test_every_module_has_a_layer(graph):
    for name in graph:
        _layer(name)


def test_no_import_reaches_up_a_layer(graph):
    upward = [
        f"{name} ({LAYERS[_layer(name)][0]}) imports {target} ({LAYERS[_layer(target)][0]})"
        for name, targets in graph.items()
        for target in sorted(targets)
        if _layer(target) > _layer(name)
    ]
    assert upward == []


def test_render_and_diff_are_apart_where_they_should_be(graph):
    """render never reaches into diff; the Word redline is one module, in diff."""
    assert not [(n, t) for n, ts in graph.items() if n.startswith("render") for t in ts if t.startswith("diff")]
    assert [n for n in graph if "redline" in n] == ["diff.docx_redline", "diff.text_redline"]


def test_no_cycle(graph):
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[list[str]] = []

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_the_parser_sees_imports():
    """A guard on the test itself: known arrows are found."""
    modules = _modules()
    known = set(modules)
    assert "align" in _imports("diff.brackets", modules["diff.brackets"], known)
    assert "cli.app" in _imports("cli.check", modules["cli.check"], known)
