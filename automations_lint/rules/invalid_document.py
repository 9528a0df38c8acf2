"""The file is not one mapping of `services` and `tasks`.

An automations file is a single YAML document whose top level is a mapping with the optional keys `services`
and `tasks`. A list or a scalar at the top level cannot be read. Neither can nothing: Ona's reader rejects an
empty file, one with only comments, and a document that is null (`~`, or a lone `---`). A second document
(after `---`) is ignored by Ona: that is extra-document, a warning.

Example:

    - name: build
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

CODE = "AL003"
NAME = "invalid-document"
SEVERITY: Severity = "error"
