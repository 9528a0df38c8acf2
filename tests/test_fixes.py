"""`--fix` golden cases: tests/fixes/<case>.yaml beside <case>.fixed.yaml (safe fixes) and, where unsafe fixes
change more, <case>.unsafe.yaml. Regenerate after a deliberate change with `python tests/update_goldens.py fixes`,
then review the diff: every byte outside a fix must stay as it was.

The properties below hold for every case and for every file of the shared corpus: fixing twice changes nothing
more, the fixed problems are gone, lines outside the fixes are unchanged, and fixed text still parses.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from goldens import FIX_INPUTS, UPDATE, fixed, read, unsafe_fixed
from helpers import corpus_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import documents, dump

from automations_lint import lint_text
from automations_lint.core.diagnostic import Edit, Fix
from automations_lint.engine.fixing import fix_text
from automations_lint.fix.apply import apply_fixes


@pytest.mark.parametrize("case", FIX_INPUTS, ids=[case.stem for case in FIX_INPUTS])
def test_safe_fixes(case: Path) -> None:
    expected = case.with_suffix(".fixed.yaml")
    assert fixed(case, unsafe=False) == read(expected), f"{expected} is stale: if that is meant, run {UPDATE} fixes"


@pytest.mark.parametrize("case", FIX_INPUTS, ids=[case.stem for case in FIX_INPUTS])
def test_unsafe_fixes(case: Path) -> None:
    expected = case.with_suffix(".unsafe.yaml")
    assert unsafe_fixed(case) == read(expected), f"{expected} is stale: if that is meant, run {UPDATE} fixes"


@pytest.mark.usefixtures("without_shellcheck")  # fixes never touch commands; ShellCheck would only add time
@pytest.mark.parametrize("path", FIX_INPUTS + corpus_files(), ids=lambda path: path.name)
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fix_properties(path: Path, unsafe: bool) -> None:
    original = path.read_bytes().decode("utf-8")
    before = lint_text(original, path.name)
    result = fix_text(original, path.name, unsafe=unsafe)
    after = lint_text(result.text, path.name)
    assert fix_text(result.text, path.name, unsafe=unsafe).text == result.text, "fixing again changed the text"
    assert not [d for d in after if d.fix is not None and (d.fix.safe or unsafe)], "a fixable problem is left"
    assert not any(d.name == "syntax-error" for d in after) or any(d.name == "syntax-error" for d in before)
    if result.text != original:
        assert sum(d.severity == "error" for d in after) < sum(d.severity == "error" for d in before) or (
            sum(d.severity != "info" for d in after) < sum(d.severity != "info" for d in before)
        )
    else:
        assert result.fixed == 0
    assert_only_fixed_lines_changed(original, result.text, before)


def assert_only_fixed_lines_changed(original: str, fixed: str, diagnostics: list[object]) -> None:
    """Every line outside the lines that fixable diagnostics' edits touch is still there, unchanged and in order."""
    fixable_lines: set[int] = set()
    for diagnostic in lint_text(original):
        if diagnostic.fix is not None:
            for edit in diagnostic.fix.edits:
                first = original.count("\n", 0, edit.start) + 1
                last = original.count("\n", 0, max(edit.start, edit.end - 1)) + 1
                fixable_lines.update(range(first, last + 1))
    # Split at "\n" only, as the offsets above count lines (str.splitlines also splits at \x85 and \u2028).
    kept = [line for number, line in enumerate(original.split("\n"), 1) if number not in fixable_lines]
    remaining = iter(fixed.split("\n"))
    missing = [line for line in kept if not any(line == candidate for candidate in remaining)]
    assert not missing, f"lines outside any fix changed or vanished: {missing[:3]}"


# -- one round: fixes whose edits clash wait for the next round -------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "expected", "applied"),
    [
        (Edit(1, 3, "X"), Edit(3, 5, "Y"), "aXYf", 2),  # replacements that touch: both
        (Edit(1, 3, "X"), Edit(2, 5, "Y"), "aXdef", 1),  # that overlap: the first only
        (Edit(1, 5, "X"), Edit(2, 3, "Y"), "aXf", 1),  # one inside the other
        (Edit(0, 0, "X"), Edit(0, 2, "Y"), "Xabcdef", 1),  # an insertion at the start of a replacement
        (Edit(0, 2, "X"), Edit(0, 0, "Y"), "Xcdef", 1),  # the same, the replacement taken first
        (Edit(0, 2, "X"), Edit(2, 2, "Y"), "XYcdef", 2),  # an insertion at its end: after it, both
        (Edit(1, 3, "X"), Edit(2, 2, "Y"), "aXdef", 1),  # inside it
        (Edit(2, 2, "X"), Edit(2, 2, "Y"), "abXcdef", 1),  # two at one point: which goes first would be a guess
        (Edit(1, 1, "X"), Edit(2, 2, "Y"), "aXbYcdef", 2),  # at two points: both
    ],
)
def test_one_round_applies_the_first_of_two_clashing_fixes(
    first: Edit, second: Edit, expected: str, applied: int
) -> None:
    """Fixes are taken in the order of their first edit (then of their descriptions); one whose edits clash with a
    fix already taken is left for the next round, on the text this round produces."""
    assert apply_fixes("abcdef", [Fix("second", (second,)), Fix("first", (first,))]) == (expected, applied)


def test_a_clash_leaves_only_that_fix_for_the_next_round() -> None:
    """Order is by position, whatever the descriptions say; a fix after a clash is still applied."""
    fixes = [Fix("a", (Edit(2, 4, "X"),)), Fix("b", (Edit(0, 3, "Y"),)), Fix("c", (Edit(5, 6, "Z"),))]
    assert apply_fixes("abcdef", fixes) == ("YdeZ", 2)


@pytest.mark.parametrize(
    ("fixes", "expected"),
    [
        # it reaches back over an earlier fix's replacement
        (
            [Fix("p", (Edit(0, 1, "P"),)), Fix("q", (Edit(5, 5, "Q"),)), Fix("r", (Edit(5, 5, "R"), Edit(0, 1, "r")))],
            ("PbcdeQf", 2),
        ),
        ([Fix("q", (Edit(3, 3, "Q"),)), Fix("r", (Edit(4, 5, "R"), Edit(0, 1, "r")))], ("abcQdef", 1)),  # an insertion
        # it ends where an earlier fix's replacement starts: both
        ([Fix("b", (Edit(3, 4, "B"),)), Fix("r", (Edit(3, 3, "R"), Edit(0, 1, "r")))], ("rbcRBef", 2)),
    ],
    ids=["over a replacement", "over an insertion", "touching"],
)
def test_a_fix_whose_edits_are_out_of_order_claims_from_its_earliest_edit_to_its_latest(
    fixes: list[Fix], expected: tuple[str, int]
) -> None:
    """A fix is taken in the order of its first edit, but it clashes with whatever lies between its edits."""
    assert apply_fixes("abcdef", fixes) == expected


# -- hypothesis: documents with the mistakes people make, in any layout ------------------------------------------

MISSPELLINGS = {"triggeredBy": ["triggers", "triggerBy", "trigger_by"], "dependsOn": ["dependencies", "depends_on"]}


@st.composite
def broken_documents(draw: st.DrawFn) -> dict[str, object]:
    """A valid document, then the fixable mistakes: misspelt fields, typos in triggers, repeated entries, and
    service commands written one level too high."""
    document = draw(documents())
    for section in ("services", "tasks"):
        for item in (document.get(section) or {}).values():
            assert isinstance(item, dict)
            for field, wrong in MISSPELLINGS.items():
                if field in item and draw(st.booleans()):
                    item[draw(st.sampled_from(wrong))] = item.pop(field)
            triggers = item.get("triggeredBy")
            if triggers and draw(st.booleans()):
                item["triggeredBy"] = [*triggers, triggers[0]]
            if triggers and draw(st.booleans()):
                item["triggeredBy"] = [str(triggers[0]).upper(), *triggers[1:]]
            if section == "services" and "commands" in item and draw(st.booleans()):
                item.update(item.pop("commands"))
    return document


@pytest.mark.usefixtures("without_shellcheck")
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(broken_documents())
def test_fixing_generated_documents(document: dict[str, object]) -> None:
    text = dump(document, flow=False)
    before = lint_text(text)
    result = fix_text(text)
    after = lint_text(result.text)
    assert not any(d.name == "syntax-error" for d in after)
    assert fix_text(result.text).text == result.text
    assert not [d for d in after if d.fix is not None and d.fix.safe]
    assert sum(d.severity == "error" for d in after) <= sum(d.severity == "error" for d in before)
    assert_only_fixed_lines_changed(text, result.text, before)
