"""`automations-lint schema`: print or write the JSON Schema for editors (schema/export.py makes it)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from automations_lint.schema.export import render


@click.command(name="schema")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the schema to this file instead of printing it (this regenerates schemas/automations.schema.json).",
)
def schema_command(output: Path | None) -> None:
    """Print the JSON Schema of automations files for editors.

    For yaml-language-server (VS Code's YAML extension and others): save it beside the automations file and point
    the editor at it (docs/editors.md)."""
    text = render()
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        # newline="\n": the committed file must be byte-identical on Windows too, or the staleness test fails there.
        output.write_text(text, encoding="utf-8", newline="\n")
    except OSError as error:
        # The same words and exit code as an unreadable input to `check`, not a traceback.
        from automations_lint.core.safe_text import printable

        click.echo(printable(f'automations-lint: cannot write "{output}": {error.strerror or error}'), err=True)
        sys.exit(2)
