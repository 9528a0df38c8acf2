"""The `server` command: the one part of the server the CLI imports (pygls loads only when it runs)."""

from __future__ import annotations

import click


@click.command(name="server")
def server_command() -> None:
    """Run the language server on standard input and output (for editors)."""
    from automations_lint.cache.scripts import ScriptCache
    from automations_lint.cache.store import default_folder, is_off
    from automations_lint.rules import shellcheck
    from automations_lint.server.app import build

    # ShellCheck's answers by script, shared with `check` (docs/cache.md); AUTOMATIONS_LINT_NO_CACHE turns it off.
    with shellcheck.storing(None if is_off() else ScriptCache(default_folder())):
        build().start_io()
