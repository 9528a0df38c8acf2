"""The package's import graph: no circle between modules, and no import the architecture does not allow.

docs/architecture.md draws the layers and lists what each folder may import; this test holds the code to that
table. Every import counts: those inside functions (kept there for start-up time, they are still dependencies),
those under TYPE_CHECKING, and a module named in a string (`importlib.import_module("automations_lint.x")`, or a
table of lazily loaded commands)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from automations_lint.core.graph import strongly_connected

PACKAGE = Path(__file__).resolve().parent.parent / "automations_lint"

# What each folder may import besides itself: the table of docs/architecture.md. The front ends share the top; the
# CLI hosts the `server` command (it names the server's module in its table of lazy commands), and the server
# never imports the CLI.
ALLOWED: dict[str, frozenset[str]] = {
    "core": frozenset(),
    "source": frozenset({"core"}),
    "schema": frozenset({"core"}),
    "shell": frozenset({"core"}),
    "cache": frozenset({"core", "shell"}),
    "rules": frozenset({"core", "source", "schema", "shell", "cache"}),
    "fix": frozenset({"core", "source", "schema"}),
    "engine": frozenset({"core", "source", "schema", "shell", "cache", "rules", "fix"}),
    "reporters": frozenset({"core", "source", "rules"}),
    "plan": frozenset({"core", "source", "schema", "rules", "reporters"}),
    "cli": frozenset(
        {"core", "source", "schema", "shell", "cache", "rules", "fix", "engine", "reporters", "plan", "server"}
    ),
    "server": frozenset({"core", "source", "schema", "shell", "cache", "rules", "fix", "engine", "reporters"}),
}
# A string that names one of the package's modules: counted as an import of it.
_MODULE_NAME = re.compile(r"automations_lint(?:\.\w+)+")
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
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _MODULE_NAME.fullmatch(node.value):
            found.add(node.value)
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


def folder_of(module: str) -> str | None:
    """The folder (subpackage) of a module, or None for the facade."""
    if module in FACADE:
        return None
    folder = module.split(".")[1]
    assert folder in ALLOWED, f"{module} is in no folder of the table: add it to ALLOWED and docs/architecture.md"
    return folder


def forbidden_imports(graph: Mapping[str, set[str]]) -> list[str]:
    """Every import the table does not allow: into a folder not listed for the importer, or into the facade."""
    wrong = []
    for module, targets in sorted(graph.items()):
        mine = folder_of(module)
        if mine is None:
            continue
        for target in sorted(targets):
            theirs = folder_of(target)
            if theirs is None:
                wrong.append(f"{module} imports the package facade {target}")
            elif theirs != mine and theirs not in ALLOWED[mine]:
                wrong.append(f"{module} ({mine}) imports {target} ({theirs})")
    return wrong


def circles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other in a circle (strongly connected, more than one module)."""
    ordered = {module: sorted(targets & graph.keys()) for module, targets in sorted(graph.items())}
    return sorted(sorted(group) for group in strongly_connected(ordered) if len(group) > 1)


def test_every_import_is_one_the_architecture_allows() -> None:
    assert forbidden_imports(import_graph()) == []


def test_the_allowed_imports_only_run_down() -> None:
    """The table itself has no circle between folders: a folder never allows one that allows it back."""
    assert circles({folder: set(allowed) for folder, allowed in ALLOWED.items()}) == []


def test_no_import_circle() -> None:
    assert circles(import_graph()) == []


def test_every_subpackage_is_in_the_table() -> None:
    packages = {path.parent.name for path in PACKAGE.rglob("__init__.py")} - {PACKAGE.name}
    assert packages == set(ALLOWED)


def test_the_check_sees_a_forbidden_import_and_a_circle(tmp_path: Path) -> None:
    root = tmp_path / "automations_lint"
    for package in ("core", "shell", "schema", "engine", "cli", "server"):
        (root / package).mkdir(parents=True)
        (root / package / "__init__.py").write_text("")
    (root / "__init__.py").write_text("")
    # Upward, inside a function (still a dependency), and through a relative import.
    (root / "core" / "values.py").write_text("def f():\n    from ..engine import run\n")
    (root / "engine" / "run.py").write_text("from automations_lint.core import values\n")
    # Sideways: shell may import only core.
    (root / "shell" / "words.py").write_text("import automations_lint.schema.spec as spec\n")
    (root / "schema" / "spec.py").write_text("")
    # By name, as a string: the server may not reach into the CLI.
    (root / "server" / "app.py").write_text("import importlib\nimportlib.import_module('automations_lint.cli.main')\n")
    (root / "cli" / "main.py").write_text("import automations_lint\n")
    graph = import_graph(root)
    assert forbidden_imports(graph) == [
        "automations_lint.cli.main imports the package facade automations_lint",
        "automations_lint.core.values (core) imports automations_lint.engine.run (engine)",
        "automations_lint.server.app (server) imports automations_lint.cli.main (cli)",
        "automations_lint.shell.words (shell) imports automations_lint.schema.spec (schema)",
    ]
    assert circles(graph) == [["automations_lint.core.values", "automations_lint.engine.run"]]
