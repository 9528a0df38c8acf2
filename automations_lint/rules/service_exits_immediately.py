"""A service whose `start` command returns at once, so the service stops a moment after it starts.

Ona keeps a service alive only while its `start` command runs: when it exits 0 the service goes to Stopped,
otherwise to Failed. A start command that detaches (`docker compose up -d`, `docker run -d`, `service X start`,
`systemctl start`, a trailing `&`) or that only installs, sets up (`terraform init`, `git pull`) or prints
returns at once, and the service is reported Stopped while its work, if any, runs on unsupervised. This is the
most common behaviour bug in real files.

The rule looks at the last command that does real work (trailing `echo`s and finite `sleep`s are skipped). A
script that ends by blocking (`docker compose logs -f`, `wait`, `tail -f`, `sleep infinity`, or any other
foreground command) is fine.

Example:

    services:
      database:
        name: Database
        commands:
          start: docker compose up -d postgres

Use instead:

    services:
      database:
        name: Database
        commands:
          start: docker compose up postgres

Fix: none.
"""

from __future__ import annotations

from collections.abc import Iterator

from automations_lint.core.diagnostic import Finding, Severity
from automations_lint.rules.document import Document
from automations_lint.shell.facts import detaches, quick, sets_up
from automations_lint.shell.words import Command, commands

CODE = "AL401"
NAME = "service-exits-immediately"
SEVERITY: Severity = "warning"


def check(document: Document) -> Iterator[Finding]:
    for service in document.services.values():
        start = service.script("start")
        found = why_it_returns(start[1]) if start is not None else None
        if start is None or found is None:
            continue
        path, script = start
        reason, step = found
        yield Finding(
            path,
            f'start command of service "{service.key}" returns at once ({reason}); the service then goes to Stopped',
            hint="run the service in the foreground (e.g. drop -d), or end with a command that blocks, "
            "such as docker compose logs -f; put one-time setup in a task",
            span=document.command_span(path, script, step) if step else None,
        )


def why_it_returns(script: str) -> tuple[str, Command | None] | None:
    """Why the script finishes at once, and the command to blame; None when its last real command keeps running."""
    steps = commands(script)
    for step in reversed(steps):
        reason = detaches(step)
        if reason is not None:
            return reason, step
        if not quick(step):
            return None
    if not steps:
        return None
    setup = next(((reason, step) for step in reversed(steps) if (reason := sets_up(step)) is not None), None)
    return setup or ("it only sets up or prints", None)
