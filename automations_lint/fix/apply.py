"""Applying fixes to a text: the chosen fixes' edits, all at once, each fix whole or not at all.

Edits are character offsets into the text as it was read (core.diagnostic.Edit); a fix whose edits overlap an
earlier one's waits for the next round, on the text this round produces (engine/fixing.py runs the rounds)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from automations_lint.core.diagnostic import Diagnostic, Edit, Fix


def applicable(diagnostics: Sequence[Diagnostic], *, unsafe: bool) -> list[Fix]:
    """The fixes to apply: safe ones, and with `unsafe` the unsafe ones too; each once."""
    chosen: dict[Fix, None] = {}
    for diagnostic in diagnostics:
        if diagnostic.fix is not None and (diagnostic.fix.safe or unsafe):
            chosen[diagnostic.fix] = None
    return list(chosen)


def apply_fixes(text: str, fixes: Sequence[Fix]) -> tuple[str, int]:
    """`text` with every fix whose edits do not overlap an earlier one applied; and how many were applied.

    n log n in the number of fixes: each fix claims the stretch from its first edit to its last, claims are kept
    sorted (they never overlap, so their ends are sorted too) and a new one is checked against its neighbours only;
    the text is rebuilt once, from its pieces."""
    starts: list[int] = []
    claims: list[Edit] = []
    taken: list[Edit] = []
    applied = 0
    for fix in sorted(fixes, key=lambda fix: (fix.edits[0].start, fix.description)):
        claim = Edit(min(edit.start for edit in fix.edits), max(edit.end for edit in fix.edits), "")
        at = bisect.bisect_right(starts, claim.start)
        if any(_overlaps(claim, claims[index]) for index in (at - 1, at) if 0 <= index < len(claims)):
            continue  # left for the next round, on the text this round produces
        starts.insert(at, claim.start)
        claims.insert(at, claim)
        taken.extend(fix.edits)
        applied += 1
    # At one offset an insertion goes before a replacement (a block inserted where a moved line is removed).
    pieces = []
    position = 0
    for edit in sorted(taken, key=lambda edit: (edit.start, edit.end)):
        pieces += [text[position : edit.start], edit.text]
        position = max(position, edit.end)
    pieces.append(text[position:])
    return "".join(pieces), applied


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:  # insertions clash only at the same point or inside a replacement
        return b.start <= a.start < b.end or a.start <= b.start < a.end or a.start == b.start
    return a.start < b.end and b.start < a.end
