"""Which files to check: the paths given, and below folders the usual automations file locations."""

from __future__ import annotations

import os
from collections.abc import Iterator

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


def discover(folder: str) -> list[str]:
    """Automations files below `folder`, sorted; symbolic links to folders are not followed."""
    return sorted(_walk(folder))


def _walk(folder: str) -> Iterator[str]:
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if name not in SKIPPED_FOLDERS)
        if os.path.basename(root) in AUTOMATION_FOLDERS:
            for name in FILE_NAMES:
                if name in files:
                    yield os.path.normpath(os.path.join(root, name))
