"""A YAML tag that Ona does not understand (`!Ref`, `!!python/object`, ...).

The file is plain data: only the standard tags (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`,
`!!seq`) mean anything. Any other tag is reported, and the value is checked as if the tag were not there.
No tag ever constructs an object or runs code in automations-lint. A standard tag whose value does not fit it
(`!!int abc`) is reported too.

Example:

    tasks:
      build:
        name: !Sub "Build ${Project}"

Use instead:

    tasks:
      build:
        name: Build the project
        command: npm run build

Fix: none.
"""

from __future__ import annotations

from automations_lint.diagnostic import Severity

CODE = "AL004"
NAME = "unsupported-tag"
SEVERITY: Severity = "error"
