"""A field written under its protobuf name (`triggered_by`) instead of its documented name (`triggeredBy`).

Ona reads the file with protojson, which takes every field under its JSON name and under its protobuf name, so
the file works. But Ona's documentation, its editor schema and every example use the camelCase names, other tools
may not know the other spelling, and a file that mixes both is harder to read. Giving one field under both names
at once is an error (see conflicting-fields).

Example:

    tasks:
      build:
        name: Build
        command: npm run build
      test:
        name: Test
        command: npm test
        depends_on: [build]

Use instead:

    tasks:
      build:
        name: Build
        command: npm run build
      test:
        name: Test
        command: npm test
        dependsOn: [build]

Fix: safe (`check --fix`): renames the field to its documented name.
"""

from __future__ import annotations

from collections.abc import Iterator

from automations_lint.core.diagnostic import Finding, Severity
from automations_lint.rules.document import Document
from automations_lint.schema.spec import PROTO_NAMES

CODE = "AL303"
NAME = "proto-field-name"
SEVERITY: Severity = "warning"


def check(document: Document) -> Iterator[Finding]:
    for automation in document.automations():
        for name in automation.proto_names:
            documented = PROTO_NAMES[name]
            yield Finding(
                (*automation.path, name),
                f'"{name}" is the protobuf name of "{documented}", which Ona\'s documentation uses',
                hint=f'rename it to "{documented}"',
                at="key",
            )
