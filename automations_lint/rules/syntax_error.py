"""The file is not valid YAML, or not valid UTF-8.

Ona cannot read the file at all, so no service or task in it starts. The parser's complaints ("did not find
expected key", "mapping values are not allowed in this context") are explained in plain words with the likely
fix: a line indented differently from the keys it belongs with, a `: ` inside an unquoted value, a list item
where a key belongs, text after a closing quote, an unclosed bracket, a value that starts with a character YAML
reserves (`@`, a backquote, `[` of a shell test). The position is the mistake's where it can be told (the
opening bracket, the start of the mis-indented line), else where the parser gave up.

Aliases that point to no anchor, or to a collection that contains them, and merge keys (`<<`) whose value is not
a mapping are reported here too.

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

from automations_lint.core.diagnostic import Severity

CODE = "AL001"
NAME = "syntax-error"
SEVERITY: Severity = "error"
