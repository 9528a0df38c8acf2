"""A service or task key with characters Ona does not allow, or a key that is not a name at all.

Keys are the references used by `dependsOn` and the Ona CLI. They may contain only letters, digits, `_` and `-`,
and be at most 128 characters long. A list or mapping used as a key is reported here too, and so is a key that
YAML reads as something other than a string (`123:`, `true:`, `2024-01-01:`, `~:`, a tagged key) anywhere below
the top level: Ona's reader cannot turn such a mapping into JSON and rejects the file. The fix quotes the key
(`"123":`), which is safe: it keeps the text and makes it the string it looks like. A null key at the top level
is only a warning: Ona's reader drops it with its value.

Example:

    tasks:
      2024:
        name: Release 2024
        command: ./release.sh

Use instead:

    tasks:
      "2024":
        name: Release 2024
        command: ./release.sh

Fix: safe (`check --fix`): a key that YAML reads as a number, boolean or date is quoted, which keeps its text and
makes it the string it looks like. A key with characters Ona does not allow (`build app:`) has no fix: the key is
also written in `dependsOn` lists and in the Ona CLI, which a rename would break.
"""

from __future__ import annotations

import re

from automations_lint.core.diagnostic import Finding, Severity
from automations_lint.schema.errors import SchemaError
from automations_lint.source.paths import KINDS

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
