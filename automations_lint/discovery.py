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


# What `check` and `plan` say of a folder with none of them.
NOT_FOUND = "no .ona/ or .gitpod/ automations.yaml (or .yml) below this folder"


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
