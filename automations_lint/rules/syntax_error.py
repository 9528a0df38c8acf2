"""The file is not valid YAML, or not valid UTF-8.

Ona cannot read the file at all, so no service or task in it starts. The message is the YAML parser's, at the
position where it gave up; the mistake is often on the line before (a missing `:`, a tab used for indentation,
an unclosed quote or bracket). Aliases that point to no anchor, or to a collection that contains them, and merge
keys (`<<`) whose value is not a mapping are reported here too.

Example:

    tasks:
      build:
        name: Build
        command: "echo unclosed

Use instead:

    tasks:
      build:
        name: Build
        command: "echo closed"

Fix: none.
"""

from __future__ import annotations

from automations_lint.diagnostic import Severity

CODE = "AL001"
NAME = "syntax-error"
SEVERITY: Severity = "error"
