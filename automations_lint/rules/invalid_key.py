"""A service or task key with characters Ona does not allow, or a key that is not a name at all.

Keys are the references used by `dependsOn` and the Ona CLI. They may contain only letters, digits, `_` and `-`,
and be at most 128 characters long. A list or mapping used as a key is reported here too.

Example:

    tasks:
      build app:
        name: Build the app
        command: npm run build

Use instead:

    tasks:
      build-app:
        name: Build the app
        command: npm run build

Fix: none: the key is also written in `dependsOn` lists and in the Ona CLI, which a rename would break.
"""

from __future__ import annotations

import re

from automations_lint.diagnostic import Finding, Severity
from automations_lint.paths import KINDS
from automations_lint.rules.base import SchemaError

CODE = "AL108"
NAME = "invalid-key"
SEVERITY: Severity = "error"


def explain(error: SchemaError) -> Finding:
    path = error.loc[:-1]  # drop pydantic's "[key]" marker
    key = str(path[-1])
    kind = KINDS.get(str(path[0]), "item")
    message = f'{kind} key "{key}" may only contain letters, digits, "_" and "-" (at most 128 characters)'
    fixed = re.sub(r"[^a-zA-Z0-9_-]+", "-", key).strip("-")[:128]
    hint = f'rename it, e.g. to "{fixed}" (and every dependsOn that names it)' if fixed else None
    return Finding(path, message, hint=hint, at="key")
