"""The package's import graph: no circle between modules, and no import that runs up the pipeline.

docs/architecture.md draws the layers; this test holds the code to the drawing. Every `import` counts, including
those inside functions (kept there for start-up time, they are still dependencies) and under TYPE_CHECKING."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

from automations_lint.core.graph import strongly_connected

PACKAGE = Path(__file__).resolve().parent.parent / "automations_lint"

# Bottom to top. A module may import its own layer and the layers below it, never one above. The two front ends
# share the top and may not import each other (the CLI starts the server by a module name, not an import).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),
    ("source",),
    ("schema",),
    ("shell",),
    ("rules",),
    ("fix",),
    ("engine",),
    ("reporters",),
    ("plan",),
    ("cli", "server"),
)
# The package's own __init__ and __main__ are the public face over everything: nothing inside imports them.
FACADE = ("automations_lint", "automations_lint.__main__")


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(source: str, name: str, is_package: bool, known: Iterable[str]) -> set[str]:
    """The package's modules that the module `name` imports: `from a.b import c` counts as a.b.c where c is a
    module, else as a.b; relative imports are resolved against the module's package."""
    modules = set(known)
    found: set[str] = set()
    package = name if is_package else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in modules else base)
    return {module for module in found if module == "automations_lint" or module.startswith("automations_lint.")}


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    files = {module_name(path, root): path for path in sorted(root.rglob("*.py"))}
    return {
        name: imports_of(path.read_text(encoding="utf-8"), name, path.name == "__init__.py", files) - {name}
        for name, path in files.items()
    }


def layer_of(module: str) -> int | None:
    """The layer index of a module, or None for the facade."""
    parts = module.split(".")
    if module in FACADE:
        return None
    for index, layer in enumerate(LAYERS):
        if len(parts) > 1 and parts[1] in layer:
            return index
    raise AssertionError(f"{module} is in no layer: add its package to LAYERS and to docs/architecture.md")


def upward_imports(graph: Mapping[str, set[str]]) -> list[str]:
    """Every import that runs up the layers, across the two front ends, or into the facade."""
    wrong = []
    for module, targets in sorted(graph.items()):
        mine = layer_of(module)
        if mine is None:
            continue
        for target in sorted(targets):
            theirs = layer_of(target)
            if theirs is None:
                wrong.append(f"{module} imports the package facade {target}")
            elif theirs > mine or (theirs == mine and target.split(".")[1] != module.split(".")[1] and
                                   LAYERS[mine] == ("cli", "server")):
                wrong.append(f"{module} ({'/'.join(LAYERS[mine])}) imports {target} ({'/'.join(LAYERS[theirs])})")
    return wrong


def circles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other in a circle (strongly connected, more than one module)."""
    ordered = {module: sorted(targets & graph.keys()) for module, targets in sorted(graph.items())}
    return sorted(sorted(group) for group in strongly_connected(ordered) if len(group) > 1)


def test_no_import_runs_up_the_pipeline() -> None:
    assert upward_imports(import_graph()) == []


def test_no_import_circle() -> None:
    assert circles(import_graph()) == []


def test_every_subpackage_is_in_a_layer() -> None:
    packages = {path.parent.name for path in PACKAGE.rglob("__init__.py")} - {PACKAGE.name}
    assert packages == {name for layer in LAYERS for name in layer}


def test_the_check_sees_an_upward_import_and_a_circle(tmp_path: Path) -> None:
    root = tmp_path / "automations_lint"
    for package in ("core", "engine", "cli", "server"):
        (root / package).mkdir(parents=True)
        (root / package / "__init__.py").write_text("")
    (root / "__init__.py").write_text("")
    # Upward, inside a function (still a dependency), and through a relative import.
    (root / "core" / "values.py").write_text("def f():\n    from ..engine import run\n")
    (root / "engine" / "run.py").write_text("from automations_lint.core import values\n")
    (root / "cli" / "main.py").write_text("from automations_lint.server import app\n")
    (root / "server" / "app.py").write_text("import automations_lint\n")
    graph = import_graph(root)
    assert upward_imports(graph) == [
        "automations_lint.cli.main (cli/server) imports automations_lint.server.app (cli/server)",
        "automations_lint.core.values (core) imports automations_lint.engine.run (engine)",
        "automations_lint.server.app imports the package facade automations_lint",
    ]
    assert circles(graph) == [["automations_lint.core.values", "automations_lint.engine.run"]]
