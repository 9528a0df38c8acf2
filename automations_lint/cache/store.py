"""The cache folder: where it is, entries read and written so that no failure can hurt a run, pruning, cleaning.

An entry is a small JSON file named by a hash of everything its content depends on, so a changed input is a new
name, never a stale hit. JSON and not pickle: loading an entry runs no code, whoever wrote the folder. Whatever goes
wrong with the folder (missing, unreadable, read-only, full, an entry cut short, corrupt or written by someone
else), a read is a miss and a write is skipped: the run goes on as if there were no cache.

Writes are atomic (a temporary file in the entry's own folder, then os.replace), so a reader sees the old entry or
the new one, never half of one; two processes writing at once (pre-commit runs hooks in parallel) write whole
entries under distinct names, or the same entry twice, and lose nothing. The folder is bounded: entries are spread
over 256 subfolders by the first two hex digits of their name, and a subfolder that holds more than its share after
a write loses its least recently used entries (a hit refreshes an entry's time at most once an hour). A process
lists a subfolder when it first writes there and counts its own writes after that, so other processes' entries
are seen at its next run.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Mapping

# The layout of the entries; a change of layout starts a new folder, so old and new versions never meet.
LAYOUT = "v1"
FOLDER_ENV = "AUTOMATIONS_LINT_CACHE_DIR"
OFF_ENV = "AUTOMATIONS_LINT_NO_CACHE"
APP = "automations-lint"
# Marks a cache folder for backup tools (https://bford.info/cachedir/) and for `clean`, which removes only folders
# that carry it: `--cache-dir .` by mistake must not delete a project.
TAG_NAME = "CACHEDIR.TAG"
TAG = b"Signature: 8a477f597d28d172789f06886806bc55\n# A cache of automations-lint (its docs/cache.md says more).\n"
# A cache folder put inside a project (--cache-dir .automations-lint-cache) ignores itself, as ruff's does.
GITIGNORE = b"# Written by automations-lint: this folder is a cache.\n*\n"
# A hit refreshes its entry's time (the pruning order) at most this often, so warm runs write nothing.
TOUCH_AFTER_SECONDS = 3600
# A temporary file older than this was left by a process that died while writing; pruning removes it.
STALE_TEMP_SECONDS = 3600
SHARDS = 256


def default_folder(environ: Mapping[str, str] | None = None) -> str:
    """The platform's user cache folder for this program: $XDG_CACHE_HOME or ~/.cache on Linux and the BSDs,
    ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows; AUTOMATIONS_LINT_CACHE_DIR, when set, instead."""
    environ = os.environ if environ is None else environ
    chosen = environ.get(FOLDER_ENV)
    if chosen:
        return chosen
    home = os.path.expanduser("~")
    if sys.platform == "win32":
        return os.path.join(environ.get("LOCALAPPDATA") or os.path.join(home, "AppData", "Local"), APP, "Cache")
    if sys.platform == "darwin":
        return os.path.join(home, "Library", "Caches", APP)
    xdg = environ.get("XDG_CACHE_HOME", "")
    return os.path.join(xdg if os.path.isabs(xdg) else os.path.join(home, ".cache"), APP)


def is_off(environ: Mapping[str, str] | None = None) -> bool:
    """Whether AUTOMATIONS_LINT_NO_CACHE turns the cache off (as for --no-cache: 1, true, yes, on)."""
    value = (os.environ if environ is None else environ).get(OFF_ENV, "")
    return value.strip().lower() not in ("", "0", "f", "false", "n", "no", "off")


class Store:
    """One kind of entry ("files", "scripts", ...) in the cache folder `root`: at most `most_entries` of them,
    none larger than `largest` bytes."""

    def __init__(self, root: str, kind: str, *, most_entries: int, largest: int) -> None:
        self.root = root
        self.folder = os.path.join(root, LAYOUT, kind)
        self.per_shard = max(1, most_entries // SHARDS)
        self.largest = largest
        self._prepared = False
        # The subfolders written by this process, with how many entries each holds (listed at the first write,
        # then counted, so that a write costs no listing): another process's writes are seen at its next run.
        self._counts: dict[str, int] = {}

    def read(self, key: str) -> dict[str, object] | None:
        """The entry stored under `key` (a hex digest), or None when there is none or it is not whole and sound
        JSON naming that same key. The caller checks the rest of its shape."""
        import json

        path = self._path(key)
        try:
            with open(path, "rb") as handle:
                data = handle.read(self.largest + 1)
                modified = os.fstat(handle.fileno()).st_mtime
        except OSError:
            return None
        if len(data) > self.largest:
            return None
        try:
            value = json.loads(data)
        except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested deeper than the parser goes
            return None
        if not isinstance(value, dict) or value.get("key") != key:
            return None
        if time.time() - modified > TOUCH_AFTER_SECONDS:
            with contextlib.suppress(OSError):
                os.utime(path)
        return value

    def write(self, key: str, value: dict[str, object]) -> None:
        """Store `value` (which names `key`) under `key`, atomically; a failure leaves the folder as it was."""
        import json

        data = json.dumps(value, separators=(",", ":")).encode("ascii")  # ASCII: escapes lone surrogates too
        if len(data) > self.largest:
            return
        with contextlib.suppress(OSError):
            self._prepare()
            shard = os.path.dirname(self._path(key))
            if shard not in self._counts:
                os.makedirs(shard, exist_ok=True)
                self._counts[shard] = len(os.listdir(shard))
            _write_atomically(self._path(key), data)
            self._counts[shard] += 1  # or an entry replaced: counting too many only prunes a little early
            if self._counts[shard] > self.per_shard:
                self._counts[shard] = _prune_shard(shard, self.per_shard)

    def _path(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], key[2:] + ".json")

    def _prepare(self) -> None:
        """Tag the cache folder when this process first writes to it (CACHEDIR.TAG, .gitignore)."""
        if self._prepared:
            return
        self._prepared = True
        os.makedirs(self.root, exist_ok=True)
        for name, content in ((TAG_NAME, TAG), (".gitignore", GITIGNORE)):
            if not os.path.exists(os.path.join(self.root, name)):
                _write_atomically(os.path.join(self.root, name), content)


def _write_atomically(path: str, data: bytes) -> None:
    """Write `data` to `path` through a new temporary file beside it (O_EXCL: never through a planted link)."""
    temporary = f"{os.path.dirname(path)}{os.sep}.{os.getpid()}-{os.urandom(6).hex()}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with open(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _prune_shard(shard: str, keep: int) -> int:
    """Down to three quarters of `keep` entries when there are more, oldest first; how many are left."""
    names = os.listdir(shard)
    if len(names) <= keep:
        return len(names)
    now = time.time()
    aged: list[tuple[float, str]] = []
    for name in names:
        path = os.path.join(shard, name)
        with contextlib.suppress(OSError):
            modified = os.stat(path).st_mtime
            if name.endswith(".tmp"):  # another process may be writing it right now: only old ones go
                if now - modified > STALE_TEMP_SECONDS:
                    os.unlink(path)
                continue
            aged.append((modified, path))
    if len(aged) <= keep:  # young temporary files made the difference: they are another process's entries
        return len(aged)
    aged.sort()
    # Three quarters, so that a full subfolder is not pruned again on every write.
    for _, path in aged[: len(aged) - keep * 3 // 4]:
        with contextlib.suppress(OSError):  # another process pruning the same subfolder removed it first
            os.unlink(path)
    return keep * 3 // 4


def clean(root: str) -> bool:
    """Remove the cache folder `root`; False when there is none. Raises OSError, and ValueError for a folder
    that is not a cache of this program (no CACHEDIR.TAG of ours): it is left alone."""
    import shutil

    if not os.path.isdir(root):
        return False
    if not os.listdir(root):
        os.rmdir(root)
        return True
    try:
        with open(os.path.join(root, TAG_NAME), "rb") as handle:
            ours = handle.read(len(TAG)) == TAG
    except FileNotFoundError:
        ours = False
    if not ours:
        raise ValueError(f"{root} is not a cache folder of {APP} (it has no {TAG_NAME} of ours), so it was left alone")
    shutil.rmtree(root)
    return True
