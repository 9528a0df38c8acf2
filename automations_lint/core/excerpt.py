"""Commands quoted in messages: on one line, shortened, in quotes that do not clash with the command's own."""

from __future__ import annotations

import re

# Longer commands are cut: a message names the command, the source frame under it shows it whole.
LIMIT = 80
ELLIPSIS = "…"
_SPACE = re.compile(r"\s+")


def quoted(command: str, limit: int = LIMIT) -> str:
    """`command` with runs of whitespace (line breaks included) made one space and cut to `limit` characters with
    an ellipsis, in double quotes, or single quotes or backticks when it holds double quotes itself. The cut is in
    the middle: the program comes first and the options that decide (`up --detach`) are often last."""
    flat = _SPACE.sub(" ", command).strip()
    if len(flat) > limit:
        head = (limit - 1) * 3 // 5
        flat = flat[:head].rstrip() + ELLIPSIS + flat[len(flat) - (limit - 1 - head) :].lstrip()
    mark = next((mark for mark in ('"', "'", "`") if mark not in flat), '"')
    return f"{mark}{flat}{mark}"
