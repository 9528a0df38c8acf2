"""The command line: a thin click layer over lint -> report -> exit code.

Exit codes: 0 when no file has an error (warnings too with --strict), 1 when one has, 2 when a path cannot be
read or the command line is wrong; the other paths are still checked.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import click

from automations_lint import __version__
from automations_lint.diagnostic import Diagnostic
from automations_lint.discovery import discover
from automations_lint.reporters import FORMATS

PROG = "automations-lint"


@dataclass
class Run:
    """The outcome of checking some paths."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    files: int = 0
    unreadable: bool = False


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name=PROG)
def cli() -> None:
    """Validate and lint Ona automations files (.ona/automations.yaml, .gitpod/automations.yaml)."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(FORMATS)),
    default="text",
    show_default=True,
    help="How to print the diagnostics.",
)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--stdin-filename", metavar="NAME", help="The file name to show for input read from '-'.")
def check(paths: tuple[str, ...], output_format: str, strict: bool, stdin_filename: str | None) -> None:
    """Check automations files. PATHS are files, folders (searched for .ona/ and .gitpod/ automations.yaml
    or .yml) or '-' for standard input; without PATHS, the current folder is searched."""
    run = Run()
    for path in paths or (".",):
        if path == "-":
            _check_stdin(run, stdin_filename or "<stdin>")
        else:
            _check_path(run, path)
    _print_report(run, output_format)
    if run.unreadable:
        sys.exit(2)
    failing = ("error", "warning") if strict else ("error",)
    sys.exit(1 if any(d.severity in failing for d in run.diagnostics) else 0)


@cli.command(name="rules")
@click.option(
    "--format", "output_format", type=click.Choice(["text", "markdown"]), default="text", show_default=True,
    help="markdown prints the table kept in the README.",
)
def list_rules(output_format: str) -> None:
    """List every rule: code, name, severity and what it finds."""
    from automations_lint.rules.registry import ALL_RULES, markdown_table, summary

    if output_format == "markdown":
        click.echo(markdown_table(), nl=False)
        return
    for rule in ALL_RULES:
        click.echo(f"{rule.CODE}  {rule.NAME:<22} {rule.SEVERITY:<8} {summary(rule)}")


@cli.command(name="rule")
@click.argument("name_or_code")
def show_rule(name_or_code: str) -> None:
    """Explain one rule, by name (unknown-field) or code (AL101)."""
    from automations_lint.rules.registry import find

    rule = find(name_or_code)
    if rule is None:
        raise click.UsageError(f'no rule is called "{name_or_code}"; "{PROG} rules" lists them')
    click.echo(f"{rule.CODE} {rule.NAME} ({rule.SEVERITY})\n")
    click.echo((rule.__doc__ or "").strip())


def _check_path(run: Run, path: str) -> None:
    try:
        info = os.stat(path)
    except OSError as error:
        _unreadable(run, path, error.strerror or str(error))
        return
    if stat.S_ISDIR(info.st_mode):
        found = discover(path)
        if not found:
            _unreadable(run, path, "no .ona/ or .gitpod/ automations.yaml (or .yml) below this folder")
        for file_path in found:
            _check_file(run, file_path)
    elif stat.S_ISREG(info.st_mode):
        _check_file(run, path)
    else:
        _unreadable(run, path, "not a regular file")


def _check_file(run: Run, path: str) -> None:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        _unreadable(run, path, error.strerror or str(error))
        return
    _check_bytes(run, data, path)


def _check_stdin(run: Run, name: str) -> None:
    _check_bytes(run, sys.stdin.buffer.read(), name)


def _check_bytes(run: Run, data: bytes, path: str) -> None:
    from automations_lint.linter import decode, lint_text  # keeps `--help` and `rules` fast

    run.files += 1
    text = decode(data)
    if isinstance(text, Diagnostic):
        run.diagnostics.append(replace(text, path=path))
        return
    run.sources[path] = text
    run.diagnostics += lint_text(text, path)


def _unreadable(run: Run, path: str, reason: str) -> None:
    run.unreadable = True
    click.echo(f'{PROG}: cannot read "{path}": {reason}', err=True)


def _print_report(run: Run, output_format: str) -> None:
    from automations_lint.reporters import Report, reporter

    report = Report(run.diagnostics, run.files, run.sources, color=_use_color())
    click.echo(reporter(output_format)(report), nl=False, color=report.color)


def _use_color() -> bool:
    """Colour on a terminal, unless NO_COLOR is set; FORCE_COLOR turns it on anywhere (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; usage errors are one line on stderr and exit 2, never a traceback."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name=PROG, standalone_mode=False)
    except click.UsageError as error:
        click.echo(f"{PROG}: error: {error.format_message()}", err=True)
        return 2
    except click.Abort:
        click.echo(f"{PROG}: aborted", err=True)
        return 130
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 0
    return 0
