"""A mapping has the same key twice.

YAML forbids it, and readers disagree on what it means: some keep the first value, some the last, Ona's
rejects the file. The diagnostic points at the second key and names the line of the first.

Example:

    tasks:
      build:
        name: Build
        command: npm run build
      build:
        name: Build again

Use instead:

    tasks:
      build:
        name: Build
        command: npm run build
      build-again:
        name: Build again
        command: npm run build

Fix: none: which of the two to keep, or what to rename, is the author's decision.
"""

from __future__ import annotations

from automations_lint.core.diagnostic import Severity

CODE = "AL002"
NAME = "duplicate-key"
SEVERITY: Severity = "error"
