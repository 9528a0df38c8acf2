"""A service or task still holding the default template's placeholders.

The template that Ona (and Gitpod before it) writes for a new automations file names its examples
`serviceReference` and `taskReference`, with `Human readable name`, `your-service-command` and a dependency on
`someOtherTask`. Left in place, they show up in the UI and run commands that do not exist.

Example:

    services:
      serviceReference:
        name: Human readable name
        commands:
          start: your-service-command

Use instead:

    services:
      api:
        name: API server
        commands:
          start: npm run start:api

Fix: none.
"""

from __future__ import annotations

from collections.abc import Iterator

from automations_lint.core.diagnostic import Finding, Severity
from automations_lint.rules.document import Automation, Document

CODE = "AL406"
NAME = "template-placeholder"
SEVERITY: Severity = "warning"

_KEYS = frozenset({"serviceReference", "taskReference"})
_NAMES = frozenset({"Human readable name"})
_COMMAND_WORDS = ("your-service-command", "your-task-command")


def check(document: Document) -> Iterator[Finding]:
    for automation in document.automations():
        placeholder = find_placeholder(automation)
        if placeholder is not None:
            yield Finding(
                automation.path,
                f'{automation.kind} "{automation.key}" still holds the template placeholder {placeholder}',
                hint="replace it with your own key, name and commands, or remove it",
                at="key",
            )


def find_placeholder(automation: Automation) -> str | None:
    if automation.key in _KEYS:
        return f'"{automation.key}"'
    if automation.text("name") in _NAMES:
        return f'name "{automation.text("name")}"'
    for _path, script in automation.scripts():
        for word in _COMMAND_WORDS:
            if word in script:
                return f'"{word}"'
    return None
