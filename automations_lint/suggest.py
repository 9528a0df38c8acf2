""" "Did you mean ...": the closest known name to a misspelt one."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to `word` (ignoring case), or None when none is close enough to be a typo."""
    options = [candidate for candidate in candidates if candidate]
    by_lower = {candidate.lower(): candidate for candidate in options}
    if word.lower() in by_lower:
        return by_lower[word.lower()]
    matches = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=0.6)
    return by_lower[matches[0]] if matches else None


def quoted_list(names: Iterable[str], *, last: str = "or") -> str:
    """`"a", "b" or "c"`, sorted, for hints that list every allowed value."""
    items = [f'"{name}"' for name in sorted(names)]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def did_you_mean(word: str, candidates: Iterable[str], *, kind: str) -> str:
    """A hint naming the closest candidate, or listing them all when none is close."""
    options = list(candidates)
    match = closest(word, options)
    if match is not None:
        return f'did you mean "{match}"?'
    if not options:
        return f"no {kind} is defined in this file"
    if len(options) > 12:
        return f"no {kind} has a similar name"
    return f"expected {quoted_list(options)}"
