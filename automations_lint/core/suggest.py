""" "Did you mean ...": the closest known name to a misspelt one."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

# Up to this many names, every one is compared with the word. Beyond, only a bounded shortlist is (difflib costs
# about 30 us a comparison: 10,000 unknown references among 10,000 keys would take most of an hour).
EXHAUSTIVE = 50
SHORTLIST = 20
# A character pair that more names than this share says little about which name is meant; it is not followed.
COMMON_PAIR = 64
# No name is longer than a key may be (128): a longer word has no close match worth the comparison.
LONGEST_WORD = 256


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to `word` (ignoring case), or None when none is close enough to be a typo.

    A tuple of more than EXHAUSTIVE names is indexed once (the index is kept while the same tuple is passed
    again), and each word is compared only with a shortlist: the names one typo away when there are any, else
    the SHORTLIST names sharing the most uncommon character pairs with it."""
    if len(word) > LONGEST_WORD:
        return None
    if isinstance(candidates, tuple) and len(candidates) > EXHAUSTIVE:
        return _index(candidates).closest(word)
    options = [candidate for candidate in candidates if candidate]
    by_lower = {candidate.lower(): candidate for candidate in options}
    if word.lower() in by_lower:
        return by_lower[word.lower()]
    matches = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=0.6)
    return by_lower[matches[0]] if matches else None


class _Index:
    """Names by lower case, by their one-deletion variants (every one-typo neighbour shares one) and by pairs."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self.by_lower = {name.lower(): name for name in names if name}
        self.all_by_lower: dict[str, list[str]] = {}
        for name in names:
            self.all_by_lower.setdefault(name.lower(), []).append(name)
        self.variants: dict[str, list[str]] = {}
        self.pairs: dict[str, list[str]] = {}
        for lower in self.by_lower:
            for variant in {lower, *deletions(lower)}:
                self.variants.setdefault(variant, []).append(lower)
            for pair in {lower[i : i + 2] for i in range(len(lower) - 1)}:
                self.pairs.setdefault(pair, []).append(lower)

    def closest(self, word: str) -> str | None:
        lower = word.lower()
        if lower in self.by_lower:
            return self.by_lower[lower]
        shortlist = dict.fromkeys(n for v in {lower, *deletions(lower)} for n in self.variants.get(v, ()))
        if shortlist:
            matches = difflib.get_close_matches(lower, list(shortlist), n=1, cutoff=0.6)
            if matches:
                return self.by_lower[matches[0]]
        counts: dict[str, int] = {}
        for pair in {lower[i : i + 2] for i in range(len(lower) - 1)}:
            names = self.pairs.get(pair, ())
            if len(names) <= COMMON_PAIR:
                for name in names:
                    counts[name] = counts.get(name, 0) + 1
        for name in sorted(counts, key=lambda name: -counts[name]):
            if len(shortlist) >= SHORTLIST:
                break
            shortlist[name] = None
        matches = difflib.get_close_matches(lower, list(shortlist)[:SHORTLIST], n=1, cutoff=0.6)
        return self.by_lower[matches[0]] if matches else None

    def near(self, word: str) -> list[str]:
        """The names equal to `word` but for case; else those that may be one typo away (a superset)."""
        lower = word.lower()
        if lower in self.all_by_lower:
            return self.all_by_lower[lower]
        near = dict.fromkeys(n for v in {lower, *deletions(lower)} for n in self.variants.get(v, ()))
        return [name for lower_name in near for name in self.all_by_lower[lower_name]]


def near_names(word: str, names: tuple[str, ...]) -> list[str] | None:
    """For a long tuple of names: those equal to `word` but for case, else those that may be one typo away (from
    the index, not a scan); None for a short tuple, which is cheaper to scan."""
    if len(names) <= EXHAUSTIVE:
        return None
    return [] if len(word) > LONGEST_WORD else _index(names).near(word)


_last: tuple[tuple[str, ...], _Index] | None = None


def _index(names: tuple[str, ...]) -> _Index:
    """The index of `names`, built once while the same tuple comes again (it is kept alive, so its id is its own)."""
    global _last  # noqa: PLW0603 - a one-entry cache: a rule asks about many words among one file's names
    if _last is None or _last[0] is not names:
        _last = (names, _Index(names))
    return _last[1]


def deletions(word: str) -> set[str]:
    """`word` with one character left out, at every position."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


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
