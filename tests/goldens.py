"""Every golden file the tests compare with, and how its content is made.

The tests compare; `python tests/update_goldens.py` writes (after a deliberate change, then review the diff). A test
run never writes a golden file: conftest.py stops a run that has one of the old UPDATE_* variables set.

Each kind maps a golden file to the text it should hold now:
- cases:    tests/cases/<rule>/<case>.out, the text a user sees, and <case>.spans beside it, the exact start and end
            of each diagnostic ("LINE:COLUMN-END_LINE:END_COLUMN CODE NAME"; no .spans where a case is clean);
- fixes:    tests/fixes/<case>.fixed.yaml (safe fixes) and <case>.unsafe.yaml (where unsafe fixes change more);
- formats:  tests/golden/<format>.<ext>, `check --format <format>` over tests/golden/inputs/;
- graph:    tests/golden/graph/<input>.<mmd|dot>;
- snapshot: tests/corpus/snapshot.txt, every diagnostic of the corpus but ShellCheck's;
- readme:   the rules table of README.md.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from automations_lint import __version__, lint_bytes
from automations_lint.core.diagnostic import Diagnostic

if TYPE_CHECKING:
    from automations_lint.engine.run import FileResult

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
CASES = TESTS / "cases"
ALL_CASES = sorted(CASES.glob("*/*.yaml"))
FIXES = TESTS / "fixes"
FIX_INPUTS = sorted(path for path in FIXES.glob("*.yaml") if path.suffixes == [".yaml"])
GOLDEN = TESTS / "golden"
FORMAT_INPUTS = GOLDEN / "inputs"
FORMAT_INPUT_FILES = ("broken.yaml", "warnings.yaml", "clean.yaml")
FORMAT_EXTENSIONS = {"json": "json", "sarif": "sarif", "gitlab": "json", "junit": "xml"}
GRAPHS = GOLDEN / "graph"
GRAPH_INPUTS = {"example": ROOT / "examples" / ".ona" / "automations.yaml", "problems": GRAPHS / "problems.yaml"}
GRAPH_EXTENSIONS = {"mermaid": "mmd", "dot": "dot"}
SNAPSHOT = TESTS / "corpus" / "snapshot.txt"
README = ROOT / "README.md"
UPDATE = "python tests/update_goldens.py"


def read(path: Path) -> str | None:
    """A golden file's text as it is on disk (bytes decoded: universal newlines would hide a changed line ending),
    or None when there is none."""
    return path.read_bytes().decode("utf-8") if path.exists() else None


# -- cases --------------------------------------------------------------------------------------------------------


def case_result(case: Path) -> FileResult:
    from automations_lint.engine.run import SourceFile, lint_files

    return lint_files([SourceFile(case.read_text(encoding="utf-8"), case.name)]).files[0]


def case_output(case: Path, result: FileResult) -> str:
    """What `automations-lint check <case>.yaml` prints, run from the case's folder, without colour."""
    from automations_lint.reporters import Report, reporter

    return reporter("text")(Report(result.diagnostics, 1, {case.name: result.lines}))


def case_spans(diagnostics: list[Diagnostic]) -> str | None:
    """Where each diagnostic starts and ends, one line each, in the order of the .out; None for a clean case."""
    lines = [f"{d.line}:{d.column}-{d.end_line}:{d.end_column} {d.code} {d.name}\n" for d in diagnostics]
    return "".join(lines) or None


def cases() -> Iterator[tuple[Path, str | None]]:
    for case in ALL_CASES:
        result = case_result(case)
        yield case.with_suffix(".out"), case_output(case, result)
        yield case.with_suffix(".spans"), case_spans(result.diagnostics)


# -- fixes --------------------------------------------------------------------------------------------------------


def fixed(case: Path, *, unsafe: bool) -> str:
    from automations_lint.engine.fixing import fix_text

    return fix_text(case.read_bytes().decode("utf-8"), case.name, unsafe=unsafe).text


def unsafe_fixed(case: Path) -> str | None:
    """The text with unsafe fixes too, where that differs from the safe fixes (or a golden of it exists)."""
    unsafe = fixed(case, unsafe=True)
    return unsafe if case.with_suffix(".unsafe.yaml").exists() or unsafe != fixed(case, unsafe=False) else None


def fixes() -> Iterator[tuple[Path, str | None]]:
    for case in FIX_INPUTS:
        yield case.with_suffix(".fixed.yaml"), fixed(case, unsafe=False)
        yield case.with_suffix(".unsafe.yaml"), unsafe_fixed(case)


# -- formats and graphs -------------------------------------------------------------------------------------------


def in_folder(folder: Path, command: list[str], env: dict[str, str | None] | None = None) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `automations-lint COMMAND` run in `folder`, without colour, outside GitHub
    Actions unless `env` says otherwise."""
    from click.testing import CliRunner

    from automations_lint.cli.commands import cli

    cwd = os.getcwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(cli, command, env={"GITHUB_ACTIONS": None, "NO_COLOR": "1", **(env or {})})
    finally:
        os.chdir(cwd)
    return result.exit_code, result.stdout, result.stderr


def format_golden(output_format: str) -> Path:
    return GOLDEN / f"{output_format}.{FORMAT_EXTENSIONS.get(output_format, 'txt')}"


def format_output(output_format: str) -> str:
    """`check --format FORMAT` over the inputs, with the tool's version as <version> (a release needs no update)."""
    code, out, _ = in_folder(FORMAT_INPUTS, ["check", "--format", output_format, *FORMAT_INPUT_FILES])
    assert code == 1, out
    return out.replace(f'"version": "{__version__}"', '"version": "<version>"')


def formats() -> Iterator[tuple[Path, str | None]]:
    from automations_lint.reporters import FORMATS

    for output_format in sorted(FORMATS):
        yield format_golden(output_format), format_output(output_format)


def graph_golden(name: str, output_format: str) -> Path:
    return GRAPHS / f"{name}.{GRAPH_EXTENSIONS[output_format]}"


def graph_output(name: str, output_format: str) -> str:
    code, out, err = in_folder(ROOT, ["graph", str(GRAPH_INPUTS[name]), "--format", output_format])
    assert (code, err) == (0, ""), err
    return out


def graphs() -> Iterator[tuple[Path, str | None]]:
    for name in sorted(GRAPH_INPUTS):
        for output_format in sorted(GRAPH_EXTENSIONS):
            yield graph_golden(name, output_format), graph_output(name, output_format)


# -- the corpus and the README ------------------------------------------------------------------------------------


def corpus_diagnostics(files: list[Path]) -> dict[str, list[Diagnostic]]:
    """The diagnostics of each corpus file, by file name, without the shellcheck rule (its findings depend on the
    installed ShellCheck)."""
    from automations_lint.rules import shellcheck

    check = shellcheck.check
    shellcheck.check = lambda document: iter(())  # type: ignore[assignment]
    try:
        return {path.name: lint_bytes(path.read_bytes(), path.name) for path in files}
    finally:
        shellcheck.check = check  # type: ignore[assignment]


def snapshot_text(linted: dict[str, list[Diagnostic]]) -> str:
    from automations_lint.reporters import Report, reporter

    diagnostics = [d for name in sorted(linted) for d in linted[name]]
    return reporter("concise")(Report(diagnostics, len(linted)))


def snapshot() -> Iterator[tuple[Path, str | None]]:
    from helpers import corpus_files

    yield SNAPSHOT, snapshot_text(corpus_diagnostics(corpus_files()))


def readme_with_current_rules(text: str) -> str:
    import re

    from automations_lint.rules.registry import markdown_table

    table = re.search(r"<!-- rules:start -->\n(.*?)<!-- rules:end -->", text, re.S)
    assert table is not None, "README.md has no <!-- rules:start --> ... <!-- rules:end --> table"
    return text[: table.start(1)] + markdown_table() + text[table.end(1) :]


def readme() -> Iterator[tuple[Path, str | None]]:
    yield README, readme_with_current_rules(README.read_text(encoding="utf-8"))


KINDS: dict[str, Callable[[], Iterator[tuple[Path, str | None]]]] = {
    "cases": cases,
    "fixes": fixes,
    "formats": formats,
    "graph": graphs,
    "snapshot": snapshot,
    "readme": readme,
}
