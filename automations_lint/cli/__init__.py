"""The command line: click commands only, thin, over the engine."""

from __future__ import annotations

from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """The command line (`automations_lint.cli:main` was the console script's target before the package took its
    layout; it stays callable there)."""
    from automations_lint.cli.commands import main as run

    return run(argv)
