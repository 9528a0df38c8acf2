"""`python -m automations_lint`."""

from __future__ import annotations

import sys

from automations_lint.cli.commands import main

sys.exit(main())
