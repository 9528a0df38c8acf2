"""The names of cache entries: a hash of everything an entry's content depends on.

BLAKE2b from the interpreter's own `_blake2` module: hashlib would load OpenSSL first, about 4 ms of every run.
"""

from __future__ import annotations

import functools
import json
import os

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter built without it
    from hashlib import blake2b


def digest(header: object, body: str = "") -> str:
    """The hex name of an entry: `header` (anything JSON can write) and `body` (a file's or a script's text)."""
    hashed = blake2b(json.dumps(header, separators=(",", ":")).encode("ascii"), digest_size=32)
    hashed.update(b"\0")  # JSON escapes NUL, so the header ends here whatever the body holds
    hashed.update(body.encode("utf-8", "surrogatepass"))
    return hashed.hexdigest()


@functools.cache
def linter_identity() -> str:
    """This linter, as far as its results go: its version and the size and time of each of its modules, so that
    an edited checkout (an editable install keeps its version) never meets the results of the code before."""
    from automations_lint.core.version import VERSION

    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    prefix = len(package) + 1  # each module's path below the package: a slice, not os.path.relpath (1 ms a run)
    modules: list[tuple[str, int, int]] = []
    folders = [package]
    while folders:
        try:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    if entry.name.endswith(".py"):
                        info = entry.stat()
                        modules.append((entry.path[prefix:], info.st_size, info.st_mtime_ns))
                    elif entry.name != "__pycache__" and entry.is_dir():
                        folders.append(entry.path)
        except OSError:  # a folder that cannot be listed: the modules found and the version still count
            continue
    return digest([VERSION, sorted(modules)])


class UnsoundEntryError(Exception):
    """A stored entry that is not as this program writes it: read as a miss."""


def require(condition: bool) -> None:
    """Raise UnsoundEntryError unless `condition` holds (checking a stored entry's shape)."""
    if not condition:
        raise UnsoundEntryError


def is_exactly(value: object, kind: type) -> bool:
    """isinstance for stored JSON, where a bool is not an int (`true` is no line number)."""
    return isinstance(value, kind) and not isinstance(value, bool)
