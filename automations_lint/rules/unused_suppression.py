"""A suppression comment that silences nothing, names an unknown rule, or is not written as one.

`# automations-lint: ignore[rule, ...] reason` silences the rules it names on its line (on the next line when
the comment stands on a line of its own); `# automations-lint: ignore-file[rule, ...] reason` silences them in
the whole file. A suppression that no longer silences anything hides the next real problem of that rule on that
line, so it is reported, at the rule's name inside the brackets. So are names that are no rule (a typo silences
nothing), a bare `ignore` without a list, and directives other than `ignore` and `ignore-file`.

A suppression of a rule that the configuration turns off for this file is not reported: the same file is often
checked with different selections (an editor with every rule, a pre-commit hook with `--select`). This rule is
reported by the engine after suppressions are applied; only a suppression that names it explicitly silences it.

Example:

    tasks:
      build:
        name: Build  # automations-lint: ignore[unknown-field] nothing unknown here
        command: npm run build

Use instead:

    tasks:
      build:
        name: Build
        command: npm run build

Fix: none.
"""

from __future__ import annotations

from automations_lint.core.diagnostic import Severity

CODE = "AL901"
NAME = "unused-suppression"
SEVERITY: Severity = "warning"
