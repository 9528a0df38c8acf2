"""Reading a file that the user named or that discovery found, without ever waiting forever."""

from __future__ import annotations

import errno
import os
import stat
import sys
from typing import TextIO


def read_regular_file(path: str) -> bytes:
    """The bytes of the regular file at `path`. Raises OSError, also for a FIFO or a device: opened without
    blocking and read only when regular, since a FIFO would wait for a writer and /dev/zero never ends."""
    with open(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", path)
        return handle.read()


def use_color(stream: TextIO) -> bool:
    """Colour on a terminal, unless NO_COLOR is set; FORCE_COLOR turns it on anywhere (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


def stderr_color() -> bool:
    return use_color(sys.stderr)
