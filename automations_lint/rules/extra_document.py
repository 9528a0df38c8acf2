"""A second YAML document in the file (after `---`), which Ona never reads.

Ona's reader decodes the first YAML document and stops: whatever follows the next `---` is ignored, even when it
is not valid YAML (only a bad character right after the `---` still stops the reader, which is a syntax-error).
So is the rest of a file whose first document ends early: when the first key is indented (` tasks:`), a later
line at the start of the line (`services:`) ends the document, and Ona never reads it. A second document is most
often a leftover or a paste gone wrong; either way its services and tasks never run.

Example:

    tasks:
      build:
        name: Build
        command: npm run build
    ---
    tasks:
      test:
        name: Test
        command: npm test

Use instead:

    tasks:
      build:
        name: Build
        command: npm run build
      test:
        name: Test
        command: npm test

Fix: none: move what you need into the first document and delete the rest.
"""

from __future__ import annotations

from automations_lint.core.diagnostic import Severity

CODE = "AL005"
NAME = "extra-document"
SEVERITY: Severity = "warning"
