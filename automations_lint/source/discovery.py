"""Which files to check: the paths given, and below folders the usual automations file locations."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

AUTOMATION_FOLDERS = (".ona", ".gitpod")
FILE_NAMES = ("automations.yaml", "automations.yml")
# Folders that hold dependencies or tool state, never a project's own automations file.
SKIPPED_FOLDERS = frozenset(
    {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache"}
)


# Gitpod Classic's configuration file: found where an automations file was expected, it needs saying so.
CLASSIC_FILES = (".gitpod.yml", ".gitpod.yaml")


def not_found(folder: str) -> str:
    """What `check` and `plan` say of a folder with no automations file below it: what was looked for, and what
    was found instead (an automations.yaml outside .ona/, when run from inside .ona/; a Gitpod Classic file)."""
    message = f'no .ona/automations.yaml or .gitpod/automations.yaml (or .yml) below "{folder}"'
    for name in FILE_NAMES:
        path = os.path.normpath(os.path.join(folder, name))
        if os.path.isfile(path):
            return f'{message}; found "{path}": name it to check it (automations-lint check {path})'
    for name in CLASSIC_FILES:
        if os.path.isfile(os.path.join(folder, name)):
            return (
                f'{message}; found "{name}", a Gitpod Classic file: automations-lint checks Ona automations files; '
                "write its tasks as services and tasks in .ona/automations.yaml"
            )
    return message


def is_automations_file(path: str) -> bool:
    """Whether `path` is at one of the places Ona looks for an automations file."""
    folder, name = os.path.split(path)
    return name in FILE_NAMES and os.path.basename(folder) in AUTOMATION_FOLDERS


# Told about each folder that cannot be listed: (its path, why).
OnError = Callable[[str, str], None]


def discover(folder: str, on_error: OnError | None = None) -> list[str]:
    """Automations files below `folder`, sorted; symbolic links to folders are not followed. A folder that cannot
    be listed is passed to `on_error`, so that it is reported rather than silently taken for empty."""
    return sorted(_walk(folder, on_error or _ignore))


def _walk(top: str, on_error: OnError) -> Iterator[str]:
    """The search, with a stack of folders instead of recursion: a tree thousands of folders deep is fine."""
    pending = [top]
    while pending:
        root = pending.pop()
        try:
            with os.scandir(root) as listing:
                entries = list(listing)
        except OSError as error:
            on_error(root, error.strerror or str(error))
            continue
        folders = []
        files = set()
        for entry in entries:
            if _is_folder(entry):
                if entry.name not in SKIPPED_FOLDERS and not entry.is_symlink():
                    folders.append(entry.path)
            else:
                files.add(entry.name)
        if os.path.basename(root) in AUTOMATION_FOLDERS:
            yield from (os.path.normpath(os.path.join(root, name)) for name in FILE_NAMES if name in files)
        pending += sorted(folders, reverse=True)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _ignore(_path: str, _reason: str) -> None:
    pass
