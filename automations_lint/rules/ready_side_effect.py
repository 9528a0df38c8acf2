"""A `ready` command with side effects, though Ona runs it again and again.

`ready` is a probe: Ona runs it repeatedly (about once a second) until it exits 0, and only then marks the
service Running. A probe that opens a port, installs packages, writes files, migrates a database or starts
containers does so on every attempt. Every side effect is reported, each at its own command. Container
commands count only when they start or change something (`docker compose up`, `docker run`, `docker pull`);
`docker compose ps`, `logs` and `exec ... pg_isready` only look, and `exec` is judged by the command it runs.

Keep `ready` a pure check (`curl -sf http://localhost:3000`, `pg_isready`) and move the work into `start` or a
task.

Example:

    services:
      web:
        name: Web
        commands:
          start: npm run dev
          ready: gitpod environment port open 3000 && curl -sf http://localhost:3000

Use instead:

    services:
      web:
        name: Web
        commands:
          start: npm run dev
          ready: curl -sf http://localhost:3000

Fix: none.
"""

from __future__ import annotations

from collections.abc import Iterator

from automations_lint.core.diagnostic import Finding, Severity
from automations_lint.rules.document import Document
from automations_lint.shell.facts import side_effects
from automations_lint.shell.words import commands

CODE = "AL402"
NAME = "ready-side-effect"
SEVERITY: Severity = "warning"


def check(document: Document) -> Iterator[Finding]:
    for service in document.services.values():
        ready = service.script("ready")
        if ready is None:
            continue
        path, script = ready
        for step in commands(script):
            for effect in side_effects(step):
                yield Finding(
                    path,
                    f'ready command of service "{service.key}" has a side effect: {effect.reason}, '
                    "and ready runs again and again until it succeeds",
                    hint="move it into start (or a task) and keep ready a pure check, such as curl -sf URL",
                    span=document.command_span(path, script, effect.words),
                )
