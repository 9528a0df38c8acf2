"""A command written as a multi-line plain scalar: YAML joins its lines into one line.

In a plain (unquoted) scalar that spans several lines, YAML folds every line break into a space, so a three-line
script becomes one command line: `npm ci npm run build npm test`. Use a literal block scalar (`|`), which keeps
each line.

Example:

    tasks:
      build:
        name: Build
        command: npm ci
          npm run build

Use instead:

    tasks:
      build:
        name: Build
        command: |
          npm ci
          npm run build

Fix: none: whether the lines were meant as one command or several is the author's decision.
"""

from __future__ import annotations

from collections.abc import Iterator

from automations_lint.core.diagnostic import Finding, Severity
from automations_lint.rules.document import Document

CODE = "AL404"
NAME = "multiline-plain-command"
SEVERITY: Severity = "warning"


def check(document: Document) -> Iterator[Finding]:
    for automation in document.automations():
        for path, _script in automation.scripts():
            node = document.node(path)
            if node is None or node.style != "" or node.value.end_line == node.value.line:
                continue
            lines = node.value.end_line - node.value.line + 1
            field = path[-1]
            yield Finding(
                path,
                f'"{field}" of {automation.kind} "{automation.key}" is a plain scalar over {lines} lines, '
                "which YAML joins into one line",
                hint=f"use a literal block scalar to keep the lines: {field}: | (then the commands, indented)",
            )
