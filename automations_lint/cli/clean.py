"""The `clean` command: remove the cache folder (a subcommand, as `ruff clean`: cleaning checks nothing, takes no
paths, and has no business among `check`'s options)."""

from __future__ import annotations

import click

from automations_lint.cache.store import FOLDER_ENV, clean, default_folder


class CleanFailure(click.ClickException):
    """A folder that is not our cache, or that cannot be removed: one line on stderr and exit 2."""

    exit_code = 2


@click.command(name="clean")
@click.option(
    "--cache-dir",
    type=click.Path(),
    envvar=FOLDER_ENV,
    help=f"The cache folder to remove.  [default: the user cache folder, or ${FOLDER_ENV}]",
)
def clean_command(cache_dir: str | None) -> None:
    """Remove the cache folder that `check` keeps its results in between runs."""
    folder = cache_dir or default_folder()
    try:
        removed = clean(folder)
    except ValueError as error:
        raise CleanFailure(str(error)) from None
    except OSError as error:
        raise CleanFailure(f"cannot remove the cache folder {folder}: {error.strerror or error}") from None
    click.echo(f"removed the cache folder {folder}" if removed else f"no cache folder at {folder}")
