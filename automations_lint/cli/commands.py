"""The command line: a thin click layer over lint -> report -> exit code.

Exit codes: 0 when no file has an error (warnings too with --strict), 1 when one has, 2 when a path cannot be
read or the command line is wrong; the other paths are still checked. An invalid configuration file stops the
run at once with exit 2.
"""

from __future__ import annotations

import importlib
import os
import stat
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import click

from automations_lint.cache.store import FOLDER_ENV, OFF_ENV
from automations_lint.cli.run import Run
from automations_lint.core.diagnostic import Diagnostic
from automations_lint.core.safe_text import printable
from automations_lint.core.version import VERSION
from automations_lint.reporters import FORMATS, default_format
from automations_lint.source.discovery import discover, not_found
from automations_lint.source.files import read_regular_file, use_color

if TYPE_CHECKING:
    from automations_lint.engine.config import Config, ConfigFinder

PROG = "automations-lint"


def _rules_option(name: str, help_text: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """--select or --ignore: repeatable, comma-separated rule names or codes, read as a set of codes."""
    return click.option(
        name,
        metavar="RULES",
        multiple=True,
        callback=lambda _context, parameter, values: _rule_list(values, select=parameter.name == "select"),
        help=help_text,
    )


class _LazyGroup(click.Group):
    """A group whose less used commands load their modules only when they run: `check` on every commit should
    not pay for the schema exporter or the plan and graph renderers."""

    LAZY: ClassVar[dict[str, tuple[str, str]]] = {
        "schema": ("automations_lint.cli.schema", "schema_command"),
        "plan": ("automations_lint.cli.plan", "plan_command"),
        "graph": ("automations_lint.cli.plan", "graph_command"),
        "server": ("automations_lint.server.command", "server_command"),
        "clean": ("automations_lint.cli.clean", "clean_command"),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.LAZY})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.LAZY:
            module, name = self.LAZY[cmd_name]
            command: click.Command = getattr(importlib.import_module(module), name)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=_LazyGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(VERSION, prog_name=PROG)
@click.pass_context
def cli(context: click.Context) -> None:
    """Validate and lint Ona automations files (.ona/automations.yaml, .gitpod/automations.yaml)."""
    if context.invoked_subcommand is None:  # bare `automations-lint`: what it can do, not a usage error
        click.echo(context.get_help())


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(FORMATS)),
    default=None,
    callback=lambda _context, _parameter, value: value or default_format(os.environ),
    help="How to print the diagnostics.  [default: text, or github when GITHUB_ACTIONS=true]",
)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--stdin-filename", metavar="NAME", help="The file name to show for input read from '-'.")
# -- configuration options (automations_lint/engine/config.py) --
@_rules_option(
    "--select", "Check only these rules (codes or names, comma-separated); replaces the configured select and ignore."
)
@_rules_option("--ignore", "Skip these rules (codes or names, comma-separated), besides the configured ignore.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Use this configuration file, not the nearest .automations-lint.toml or pyproject.toml.",
)
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place (standard input: print the fixed text).")
@click.option("--diff", "show_diff", is_flag=True, help="Print the fixes as a unified diff; change nothing.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply fixes that may change meaning.")
@click.option("--no-cache", is_flag=True, envvar=OFF_ENV, help=f"Neither read nor write the cache (or ${OFF_ENV}=1).")
@click.option(
    "--cache-dir",
    envvar=FOLDER_ENV,
    help=f"Keep the cache in this folder.  [default: the user cache folder, or ${FOLDER_ENV}]",
)
def check(
    paths: tuple[str, ...],
    output_format: str,
    strict: bool,
    stdin_filename: str | None,
    *,
    select: frozenset[str] | None,
    ignore: frozenset[str] | None,
    config_file: Path | None,
    isolated: bool,
    fix: bool,
    show_diff: bool,
    unsafe_fixes: bool,
    no_cache: bool,
    cache_dir: str | None,
) -> None:
    """Check automations files. PATHS are files, folders (searched for .ona/ and .gitpod/ automations.yaml
    or .yml) or '-' for standard input; without PATHS, the current folder is searched."""
    from automations_lint.shell import shellcheck as runner

    # ShellCheck's time limit holds for the whole run, all files and fixing rounds together.
    click.get_current_context().with_resource(runner.one_deadline())
    if fix and show_diff:
        raise click.UsageError("--fix and --diff cannot be used together")
    mode = "fix" if fix else "diff" if show_diff else None
    run = Run(configs=_config_finder(select, ignore, config_file, isolated), fix_mode=mode, unsafe_fixes=unsafe_fixes)
    _use_cache(run, cache_dir, off=no_cache)
    for path in paths or (".",):
        if path == "-":
            _check_stdin(run, stdin_filename or "<stdin>")
        else:
            _check_path(run, path)
    _lint_pending(run)
    # One quiet note per run, only when some command went unchecked: a closing line of the text report, else stderr.
    notes = tuple(notice.message for notice in run.notices)
    if notes and (output_format != "text" or run.fix_mode == "diff"):
        for note in notes:
            click.echo(f"{PROG}: note: {note}", err=True)
        notes = ()
    if run.fix_mode == "diff":  # only the diff; exit 1 when something would change
        click.echo("".join(run.output), nl=False)
        sys.exit(2 if run.unreadable else 1 if run.output else 0)
    if run.output or run.echo is not None:  # --fix of standard input: the fixed text on stdout, the report on stderr
        click.echo("".join(run.output), nl=False)
        if run.echo is not None:
            sys.stdout.flush()
            sys.stdout.buffer.write(run.echo)
            sys.stdout.buffer.flush()
        _print_report(run, output_format, notes, strict=strict, err=True)
    else:
        _print_report(run, output_format, notes, strict=strict)
    if run.fixed:
        files = "1 file" if run.fixed_files == 1 else f"{run.fixed_files} files"
        click.echo(f"{PROG}: fixed {run.fixed} problem{'s' if run.fixed != 1 else ''} in {files}", err=True)
    if run.unreadable:
        sys.exit(2)
    failing = ("error", "warning") if strict else ("error",)
    sys.exit(1 if any(d.severity in failing for d in run.diagnostics) else 0)


@cli.command(name="rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="markdown prints the table kept in the README.",
)
def list_rules(output_format: str) -> None:
    """List every rule: code, name, severity and what it finds."""
    from automations_lint.rules.registry import ALL_RULES, markdown_table, summary

    if output_format == "markdown":
        click.echo(markdown_table(), nl=False)
        return
    name_width = max(len(rule.NAME) for rule in ALL_RULES)
    severity_width = max(len(rule.SEVERITY) for rule in ALL_RULES)
    for rule in ALL_RULES:
        click.echo(f"{rule.CODE}  {rule.NAME:<{name_width}}  {rule.SEVERITY:<{severity_width}}  {summary(rule)}")


@cli.command(name="rule")
@click.argument("name_or_code")
def show_rule(name_or_code: str) -> None:
    """Explain one rule, by name (unknown-field) or code (AL101)."""
    from automations_lint.core.suggest import closest
    from automations_lint.rules.registry import BY_CODE, BY_NAME, find

    rule = find(name_or_code)
    if rule is None:
        match = closest(name_or_code, [*BY_NAME, *BY_CODE])
        hint = f'did you mean "{match}"?' if match else f'"{PROG} rules" lists them'
        raise click.UsageError(f'no rule is called "{name_or_code}": {hint}')
    click.echo(f"{rule.CODE} {rule.NAME} ({rule.SEVERITY})\n")
    click.echo((rule.__doc__ or "").strip())


def _check_path(run: Run, path: str) -> None:
    try:
        info = os.stat(path)
    except OSError as error:
        _unreadable(run, path, error.strerror or str(error))
        return
    if stat.S_ISDIR(info.st_mode):
        # A folder that cannot be listed is said, one line each (exit 2): it may hold the file that was meant.
        unlisted: list[str] = []
        found = discover(path, on_error=lambda folder, reason: unlisted.append(_unreadable(run, folder, reason)))
        if not found and not unlisted:  # exit 2, like an unreadable path, with what was looked for and what is there
            run.unreadable = True
            click.echo(printable(f"{PROG}: {not_found(path)}"), err=True)
        for file_path in found:
            _check_file(run, file_path)
    elif stat.S_ISREG(info.st_mode):
        _check_file(run, path)
    else:
        _unreadable(run, path, "not a regular file")


def _check_file(run: Run, path: str) -> None:
    identity = _identity(path)
    if identity in run.seen:
        return
    run.seen.add(identity)
    try:
        data = read_regular_file(path)
    except OSError as error:
        _unreadable(run, path, error.strerror or str(error))
        return
    _check_bytes(run, data, path)


def _identity(path: str) -> object:
    """What makes two paths the same file: device and inode (through links, and on a case-insensitive file
    system); the resolved path for a path that cannot be read."""
    try:
        info = os.stat(path)
    except OSError:
        return os.path.realpath(path)
    return (info.st_dev, info.st_ino)


def _check_stdin(run: Run, name: str) -> None:
    _check_bytes(run, sys.stdin.buffer.read(), name, from_stdin=True)


def _check_bytes(run: Run, data: bytes, path: str, *, from_stdin: bool = False) -> None:
    # Imported here: `--help` and `rules` stay fast.
    from automations_lint.engine.linter import decode, fixes_can_be_written
    from automations_lint.engine.run import SourceFile

    run.files += 1
    text = decode(data)
    # --fix writes UTF-8 only: a UTF-16 file is checked but never fixed, and not called fixable.
    fixable = isinstance(text, str) and fixes_can_be_written(data)
    if from_stdin and run.fix_mode == "fix" and not fixable:
        run.echo = data  # an editor replaces the file with what comes out: it must be the file, not the report
    if isinstance(text, Diagnostic):
        run.diagnostics.append(text._replace(path=path))
        return
    if not fixable:
        run.unfixable.add(path)
    elif run.fix_mode is not None:
        from automations_lint.cli.fix import fix_one

        run.sources[path] = fix_one(run, data, text, path, _config(run, path), from_stdin=from_stdin)
        return
    run.pending.append(SourceFile(text, path, _config(run, path)))


def _use_cache(run: Run, folder: str | None, *, off: bool) -> None:
    """Keep results between runs (docs/cache.md), unless `off`. --fix and --diff lint afresh, as what they write
    must never rest on a stored entry; they still read ShellCheck's answers by script, which carry no fix and so
    change nothing that is written."""
    if off:
        return
    from automations_lint.cache.store import default_folder
    from automations_lint.engine.cache import ResultCache
    from automations_lint.rules import shellcheck

    cache = ResultCache(folder or default_folder())
    run.cache = cache if run.fix_mode is None else None
    click.get_current_context().with_resource(shellcheck.storing(cache.scripts))


def _lint_pending(run: Run) -> None:
    """Lint every file read, in one go (rules such as ShellCheck batch their work across files), and sort."""
    from automations_lint.engine.run import lint_files, sort_key

    linted = lint_files(run.pending, cache=run.cache)
    for result in linted.files:
        run.sources[result.path] = result.lines
        run.diagnostics += [d._replace(fix=None) if d.path in run.unfixable else d for d in result.diagnostics]
    run.notices.update(dict.fromkeys(linted.notices))
    run.pending = []
    run.diagnostics.sort(key=sort_key)


# -- configuration (automations_lint/engine/config.py) --
class ConfigFailure(click.ClickException):
    """An invalid configuration file: one line on stderr and exit 2, like a usage error."""

    exit_code = 2


def _rule_list(values: tuple[str, ...], *, select: bool = False) -> frozenset[str] | None:
    """The codes of comma-separated rule lists given to --select or --ignore; None when the option is absent."""
    if not values:
        return None
    from automations_lint.engine.config import rule_codes

    names = [name.strip() for value in values for name in value.split(",") if name.strip()]
    if not names and select:  # `--ignore ""` ignores nothing more, which is what it says
        # `--select "$RULES"` with RULES empty: silently checking nothing (syntax errors included) would pass every
        # file, and silently checking everything would hide the mistake; say it.
        raise click.BadParameter("the value is empty, so it names no rule; leave the option out to check every rule")
    try:
        return rule_codes(names)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def _config_finder(
    select: frozenset[str] | None, ignore: frozenset[str] | None, config_file: Path | None, isolated: bool
) -> ConfigFinder:
    from automations_lint.engine.config import ConfigFinder

    if isolated and config_file is not None:
        raise click.UsageError("--config and --isolated cannot be used together")
    return ConfigFinder(explicit=config_file, isolated=isolated, select=select, ignore=ignore or frozenset())


def _config(run: Run, path: str) -> Config | None:
    """The configuration nearest to the checked file (ruff-like: per file, each folder searched once)."""
    from automations_lint.engine.config import ConfigError

    if run.configs is None:
        return None
    try:
        return run.configs.for_file(path)
    except ConfigError as error:
        raise ConfigFailure(str(error)) from None


# -- end of configuration --


def _unreadable(run: Run, path: str, reason: str) -> str:
    """Say that `path` cannot be read (one line on stderr, exit 2 at the end); returns the path."""
    run.unreadable = True
    click.echo(printable(f'{PROG}: cannot read "{path}": {reason}'), err=True)
    return path


def _print_report(
    run: Run, output_format: str, notes: tuple[str, ...] = (), *, strict: bool = False, err: bool = False
) -> None:
    from automations_lint.reporters import Report, reporter

    color = use_color(sys.stdout) and not err
    report = Report(run.diagnostics, run.files, run.sources, color=color, notes=notes, strict=strict)
    click.echo(reporter(output_format)(report), nl=False, color=report.color, err=err)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; usage errors are one line on stderr and exit 2, never a traceback."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name=PROG, standalone_mode=False)
    except click.ClickException as error:  # usage errors and invalid configuration files
        # The message may quote a path, a TOML key or a rule name given by the user: escaped, it stays one line.
        click.echo(printable(f"{PROG}: error: {error.format_message()}"), err=True)
        return 2
    except click.Abort:
        click.echo(f"{PROG}: aborted", err=True)
        return 130
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 0
    return 0
