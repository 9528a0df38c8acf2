"""A command that still uses Gitpod Classic: the `gp` CLI, `$THEIA_WORKSPACE_ROOT`, `$GITPOD_REPO_ROOT` or
`/workspace/` paths.

Ona environments are not Gitpod Classic workspaces: there is no `gp` command, the Classic environment
variables are not set (they expand to nothing), and the repository is not under `/workspace/`. Commands run in
the repository's folder, so a relative path or `$PWD` is usually what is meant. Comments are ignored.

Example:

    tasks:
      open-preview:
        name: Open preview
        command: gp preview $(gp url 3000)

Use instead:

    tasks:
      open-preview:
        name: Open the preview port
        command: gitpod environment port open 3000

Fix: none.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from automations_lint.core.diagnostic import Finding, Severity
from automations_lint.core.excerpt import quoted
from automations_lint.rules.document import Document
from automations_lint.shell.words import Command, commands, stages

CODE = "AL405"
NAME = "gitpod-classic-leftover"
SEVERITY: Severity = "warning"

_VARIABLE = re.compile(r"\$\{?(THEIA_WORKSPACE_ROOT|GITPOD_REPO_ROOTS?)\b")


# The next two are compiled on first use, behind a plain substring test: their Unicode classes cost about 1.5 % of
# a one-file check to compile, and most commands hold neither "/workspace" nor "gp".
@functools.cache
def _workspace_path() -> re.Pattern[str]:
    """/workspace but not /workspaces (the devcontainer convention Ona uses) or a longer name."""
    return re.compile(r"(?<![\w.~-])/workspace(?![\w-])[^\s'\";|&)]*")


@functools.cache
def _gp_substitution() -> re.Pattern[str]:
    """gp inside a command substitution: echo "$(gp url 3000)"."""
    return re.compile(r"(?:\$\(|`)\s*(gp\s[^)`]*)")


_GP_HINT = "Ona environments have no gp command: use the Ona CLI (gitpod)"
_VARIABLE_HINT = "it is not set in Ona; commands run in the repository folder: use $PWD"
_PATH_HINT = "Ona does not check out under /workspace: use a path relative to the repository"


def check(document: Document) -> Iterator[Finding]:
    for automation in document.automations():
        for path, script in automation.scripts():
            for what, hint, step in find_leftovers(script):
                yield Finding(
                    path,
                    f'"{path[-1]}" of {automation.kind} "{automation.key}" uses {what}, a Gitpod Classic leftover',
                    hint=hint,
                    span=document.command_span(path, script, step),
                )


def find_leftovers(script: str) -> Iterator[tuple[str, str, Command]]:
    """Each Classic leftover in the script's commands, with a hint and the words it is in."""
    for step in commands(script):
        for gp in _gp_uses(step):
            yield f"the gp CLI ({quoted(gp.text)})", _GP_HINT, gp
        variable = _VARIABLE.search(step.text)
        if variable:
            yield f"${variable.group(1)}", _VARIABLE_HINT, step.part(*variable.span())
        path = _workspace_path().search(step.text) if "/workspace" in step.text else None
        if path:
            yield "a /workspace path", _PATH_HINT, step.part(*path.span())


def _gp_uses(step: Command) -> Iterator[Command]:
    """The `gp` commands in the step: each stage run by gp, and each `$(gp ...)` or backquoted gp inside it."""
    for stage in stages(step):
        if stage.program == "gp":
            yield stage
    if "gp" not in step.text:
        return
    for substitution in _gp_substitution().finditer(step.text):  # up to its closing ")" or "`", in linear time
        start = substitution.start(1)
        yield step.part(start, start + len(substitution.group(1).rstrip()))
