"""A YAML tag that means nothing to Ona (`!Ref`, `!!python/object`), or a value that does not fit its tag.

The tags are `!Ref`, `!Sub`, `!!python/object` and the like; a value that does not fit is `!!int abc`.

Ona's reader (yaml.v3) ignores a tag it does not know: a tagged scalar is read as its plain text (`!Sub 5` is the
string "5"), a tagged list or mapping as itself. So the file works, but the tag promises something (a
CloudFormation function, a Python object) that never happens: a warning. No tag ever constructs an object or runs
code in automations-lint either. A standard tag whose value does not fit it (`!!int abc`, `!!bool yes`, a
`!!binary` that is not base64) stops Ona's reader: that is an error. A tag on a mapping key makes the key
something other than a string, which is an invalid-key error.

Example:

    tasks:
      build:
        name: !Sub "Build ${Project}"
        command: npm run build

Use instead:

    tasks:
      build:
        name: "Build my-project"
        command: npm run build

Fix: none: what the tag was meant to do is for you to write out.
"""

from __future__ import annotations

from automations_lint.core.diagnostic import Severity

CODE = "AL004"
NAME = "unsupported-tag"
SEVERITY: Severity = "warning"
