"""The `plan` and `graph` commands: what starting tasks runs, and the picture of a file's dependencies.

Both read one automations file: PATH is that file, or a folder searched like `check` does (it must hold exactly
one), by default the current folder. `plan [PATH] TASK...` takes PATH only when the first argument cannot be a
task key (keys are letters, digits, `_` and `-`; a path has a `.` or a `/`, as in `.`, `./build` or
`.ona/automations.yaml`), so `plan build` plans the task even where a `build/` folder exists; `--file PATH` names the
file outright. PATH `-` is standard input, named in messages by `--stdin-filename`, as for `check`. Heavy modules
are imported inside the commands so that the rest of the command line starts fast.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NoReturn

import click

from automations_lint.schema.spec import KEY_PATTERN
from automations_lint.source.lines import Lines

if TYPE_CHECKING:
    from automations_lint.core.diagnostic import Diagnostic
    from automations_lint.plan.order import Plan
    from automations_lint.rules.base import DocumentRule
    from automations_lint.rules.document import Document

PROG = "automations-lint"


@dataclass(frozen=True)
class Source:
    """One automations file's path (as shown in messages) and text."""

    path: str
    text: str


STDIN_FILENAME = click.option("--stdin-filename", metavar="NAME", help="The file name to show for input read from '-'.")


@click.command(name="plan")
@click.argument("arguments", nargs=-1, metavar="[PATH] TASK...")
@click.option("--file", "file_path", metavar="PATH", help="The automations file (or a folder holding one).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@STDIN_FILENAME
def plan_command(
    arguments: tuple[str, ...], file_path: str | None, output_format: str, stdin_filename: str | None
) -> None:
    """Show the execution plan for starting TASKs.

    The plan is what Ona builds when the tasks start: numbered groups that run in order, the steps of a group
    concurrently, dependencies (tasks and services) first. PATH (a file, a folder holding one automations file, or
    '-' for standard input; default: the current folder) is the first argument when it cannot be a task key: it
    contains a '.' or '/', or is '-'.

    Exits 1, showing the diagnostics, when a dependency cycle or an unknown reference makes the plan impossible."""
    from automations_lint.plan.order import build_plan, render_json, render_text

    path, tasks = split_arguments(arguments, file_path)
    if not tasks:
        raise click.UsageError("name the tasks to plan: plan [PATH] TASK...")
    source = read_source(path, stdin_filename)
    document = _document_or_exit(source)
    check_tasks(document, tasks, source.path)
    plan = build_plan(document, tasks)
    if not plan.ok:
        _refuse(plan, document, source, tasks)
    click.echo(render_json(plan) if output_format == "json" else render_text(plan), nl=False)


@click.command(name="graph")
@click.argument("path", required=False, default=".")
@click.option("--format", "output_format", type=click.Choice(["mermaid", "dot"]), default="mermaid", show_default=True)
@STDIN_FILENAME
def graph_command(path: str, output_format: str, stdin_filename: str | None) -> None:
    """Draw the dependsOn graph (Mermaid, Graphviz).

    Services and tasks with their dependsOn edges (an arrow means "runs before") and triggers, dependency cycles in
    red, as a Mermaid flowchart (GitHub renders it) or a Graphviz digraph. PATH is a file, a folder holding one
    automations file, or '-' for standard input; default: the current folder. Files with errors are drawn as far
    as they go."""
    from automations_lint.plan.render import RENDERERS

    source = read_source(path, stdin_filename)
    click.echo(RENDERERS[output_format](_document_or_exit(source)), nl=False)


def split_arguments(arguments: Sequence[str], file_path: str | None) -> tuple[str, list[str]]:
    """(PATH, TASKs) of `plan [PATH] TASK...`: the first argument is PATH only when it cannot be a task key."""
    if file_path is not None:
        return file_path, list(arguments)
    if arguments and (arguments[0] == "-" or not re.fullmatch(KEY_PATTERN, arguments[0])):
        return arguments[0], list(arguments[1:])
    return ".", list(arguments)


def read_source(path: str, stdin_filename: str | None = None) -> Source:
    """The one automations file at `path` (a file, a folder searched like `check` does, or `-` for standard input,
    shown as `stdin_filename`); usage errors else."""
    from automations_lint.engine.linter import decode

    if path == "-":
        path, data = stdin_filename or "<stdin>", sys.stdin.buffer.read()
    else:
        path = _one_file(path)
        data = _read_bytes(path)
    text = decode(data)
    if not isinstance(text, str):
        _fail([text._replace(path=path)], {})
    return Source(path, text)


def _one_file(path: str) -> str:
    """`path`, or the one automations file in the folder `path`; a usage error when there is none or several."""
    from automations_lint.source.discovery import discover, not_found

    if not os.path.isdir(path):
        return path
    found = discover(path)
    if not found:
        raise click.UsageError(not_found(path))
    if len(found) > 1:
        listed = ", ".join(f'"{name}"' for name in found[:5]) + (", ..." if len(found) > 5 else "")
        raise click.UsageError(f'{len(found)} automations files below "{path}"; name one: {listed}')
    return found[0]


def check_tasks(document: Document, tasks: Sequence[str], path: str) -> None:
    """A usage error for the first TASK that is not a task of the file, with the closest name as a hint."""
    from automations_lint.core.suggest import did_you_mean

    for key in tasks:
        if key in document.tasks:
            continue
        if key in document.services:
            # StartTask starts tasks; a service is started with StartService, which builds no plan.
            raise click.UsageError(f'"{key}" is a service; plan takes tasks (starting a service runs no plan)')
        hint = did_you_mean(key, document.tasks, kind="task")
        raise click.UsageError(f'no task "{key}" in {path}: {hint}')


def _read_bytes(path: str) -> bytes:
    from automations_lint.source.files import read_regular_file

    try:
        return read_regular_file(path)
    except OSError as error:
        raise click.UsageError(f'cannot read "{path}": {error.strerror or error}') from None


def _document_or_exit(source: Source) -> Document:
    """The document of `source`; a file that is not YAML at all has its syntax errors shown, and exits 1."""
    from automations_lint.engine.linter import lint_text
    from automations_lint.rules.document import Document
    from automations_lint.source.loader import load

    loaded = load(source.text)
    if loaded.broken:
        _fail(lint_text(source.text, source.path), {source.path: loaded.lines})
    return Document.from_data(loaded.data, loaded.source_map, loaded.lines)


def _refuse(plan: Plan, document: Document, source: Source, tasks: Sequence[str]) -> NoReturn:
    """Show the dependency diagnostics about the planned tasks, and exit 1."""
    relevant = [diagnostic for diagnostic in dependency_diagnostics(document, source.path) if _blocks(diagnostic, plan)]
    started = ", ".join(f'"{task}"' for task in dict.fromkeys(tasks))
    _fail(relevant, {source.path: document.lines}, f"no plan for {started}: fix the dependency errors above")


def dependency_diagnostics(document: Document, path: str) -> list[Diagnostic]:
    """The findings of the dependency rules alone, worded and placed as `check` shows them.

    Only these rules run: the others (shellcheck on 20,000 scripts, say) cannot change whether a plan exists. No
    suppression comment applies either: a suppressed cycle still makes Ona's plan fail.
    """
    from automations_lint.core.diagnostic import RuleFinding
    from automations_lint.engine.run import sort_key, to_diagnostic
    from automations_lint.rules import dependency_cycle, self_dependency, unknown_reference

    rules: tuple[DocumentRule, ...] = (unknown_reference, self_dependency, dependency_cycle)
    found = {
        to_diagnostic(RuleFinding(rule.NAME, finding), document.source_map, path)
        for rule in rules
        for finding in rule.check(document)
    }
    return sorted(found, key=sort_key)


def _blocks(diagnostic: Diagnostic, plan: Plan) -> bool:
    """Whether a diagnostic is about a planned task (or is the note that cycles were cut short)."""
    where = diagnostic.document_path
    return where == ("tasks",) or (where[:1] == ("tasks",) and len(where) > 1 and where[1] in plan.tasks)


def _fail(diagnostics: list[Diagnostic], sources: dict[str, Lines], closing: str = "") -> NoReturn:
    """The diagnostics in the text format on standard error (standard output is kept for plans), then exit 1."""
    from automations_lint.reporters import Report, reporter
    from automations_lint.source.files import stderr_color

    color = stderr_color()
    click.echo(reporter("text")(Report(diagnostics, 1, sources, color=color)), nl=False, err=True, color=color)
    if closing:
        from automations_lint.core.safe_text import printable

        click.echo(printable(f"{PROG}: {closing}"), err=True)
    sys.exit(1)
