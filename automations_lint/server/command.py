"""The `server` command: the one part of the server the CLI imports (pygls loads only when it runs)."""

from __future__ import annotations

import click


@click.command(name="server")
def server_command() -> None:
    """Run the language server on standard input and output (for editors)."""
    from automations_lint.server.app import build

    build().start_io()
