"""`--fix` never changes what a command does, never breaks an anchor and never makes the file worse (issue 12).

Each class the adversarial review found is a case below (it failed before the fix makers were made exact), and one
property holds over every corpus file and over generated documents written the way people write them by hand:
commands one level too high with `commands:` empty, present or missing, fields indented a space or two off,
quoted values over several lines whose
continuation lines sit left of the key, U+2028 inside values, `|` blocks with whitespace-only lines, anchors and
aliases, keys written twice, misspelt fields beside their right spelling, any indentation step, "\\r\\n" and
"\\r" line breaks, byte order marks and no final newline. After fixing:

- every command string (start, ready, stop under `commands:` or where it stood, and a task's command) has exactly
  the value it had (no fix is about a command string);
- nothing that parsed stops parsing, so every alias still finds its anchor;
- every line outside the edited lines is still there, in order;
- there are no more errors than before, and no error of a kind the file did not have, except inside a value a
  fix renamed (a `triggers:` list renamed `triggeredBy:` is checked as triggers from then on).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import corpus_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from automations_lint import lint_text
from automations_lint.core.diagnostic import Diagnostic, Edit, Finding, Fix
from automations_lint.engine.fixing import fix_text
from automations_lint.engine.run import LintRun, SourceFile
from automations_lint.fix.source import Source
from automations_lint.schema.spec import COMMAND_FIELDS
from automations_lint.source.lines import LINE_BREAK
from automations_lint.source.loader import load

# -- the invariants --------------------------------------------------------------------------------------------


def commands_of(text: str) -> dict[tuple[str, str, str], Any]:
    """Every command string of the document, wherever it is written: (section, key, field) -> value."""
    loaded = load(text.lstrip("\ufeff"))
    found: dict[tuple[str, str, str], Any] = {}
    data = loaded.data if isinstance(loaded.data, dict) else {}
    for section, fields in (("services", COMMAND_FIELDS), ("tasks", ("command",))):
        items = data.get(section)
        for key, item in items.items() if isinstance(items, dict) else ():
            if not isinstance(item, dict):
                continue
            nested = item.get("commands") if section == "services" else None
            for field in fields:
                if isinstance(nested, dict) and field in nested:
                    found[(section, key, field)] = nested[field]
                elif field in item:
                    found.setdefault((section, key, field), item[field])
    return found


def renamed_paths(diagnostics: list[Diagnostic]) -> list[tuple[object, ...]]:
    """The places whose values a safe fix renames or moves: findings there are exposed, not new."""
    return [d.document_path[:2] for d in diagnostics if d.fix is not None and d.fix.safe]


def assert_fix_is_safe(text: str) -> None:
    before = lint_text(text)
    result = fix_text(text)
    after = lint_text(result.text)
    assert commands_of(result.text) == commands_of(text), "a command string changed"
    if not any(d.name == "syntax-error" for d in before):
        assert not any(d.name == "syntax-error" for d in after), "the fixed text no longer parses"
    errors_before = [d for d in before if d.severity == "error"]
    errors_after = [d for d in after if d.severity == "error"]
    assert len(errors_after) <= len(errors_before), "fixing added errors"
    kinds = {d.code for d in errors_before}
    exposed = renamed_paths(before)
    new = [d for d in errors_after if d.code not in kinds and d.document_path[:2] not in exposed]
    assert not new, f"fixing introduced {new}"
    assert_outside_lines_kept(text, result.text, before)
    assert fix_text(result.text).text == result.text


def assert_outside_lines_kept(original: str, fixed: str, diagnostics: list[Diagnostic]) -> None:
    """Every line that no fix's edit touches is still in the fixed text, in order (lines as the loader counts)."""
    body = original.lstrip("\ufeff")
    starts = [0, *(match.end() for match in LINE_BREAK.finditer(body))]
    touched: set[int] = set()
    for diagnostic in diagnostics:
        for edit in diagnostic.fix.edits if diagnostic.fix is not None else ():
            first = sum(1 for start in starts if start <= edit.start)
            last = sum(1 for start in starts if start <= max(edit.start, edit.end - 1))
            touched.update(range(first, last + 1))
    lines = LINE_BREAK.split(body)
    kept = [line for number, line in enumerate(lines, 1) if number not in touched and line.strip()]
    remaining = iter(LINE_BREAK.split(fixed.lstrip("\ufeff")))
    missing = [line for line in kept if not any(line == candidate for candidate in remaining)]
    assert not missing, f"lines outside any fix changed or vanished: {missing[:3]}"


# -- one case per class ----------------------------------------------------------------------------------------

TASK = "tasks:\n  a:\n    name: A\n    command: x\n"
SERVICE = "services:\n  web:\n    name: W\n"
CLASSES = {
    "no final newline": SERVICE + "    stop: pkill node\n    start: npm start",
    "no final newline, commands last": (
        "services:\n  web:\n    start: npm start\n    name: W\n    commands:\n      stop: x"
    ),
    "quoted value under-indented": SERVICE + '    start: "python -m http.server\n  --bind 0.0.0.0"\n',
    "single-quoted under-indented": SERVICE + "    start: 'a\n b\n\n  c'\n",
    "plain value under-indented": SERVICE + "    start: serve\n     --port 3\n",
    "U+2028 in a quoted value": 'services:\n  web:\n    name: W\n    start: "a\u2028b\u2029c\x85d"\n',
    "U+2028 in a plain value": SERVICE + "    start: a\u2028   b\n",
    "anchor on a rewritten value": (
        TASK + "    triggeredBy: [&trigger Manual]\n  b:\n    name: B\n    command: y\n    description: *trigger\n"
    ),
    "anchor on a renamed key": (TASK + "    &k triggers: [manual]\n    description: *k\n"),
    "two byte order marks": "\ufeff\ufefftasks:\n  a:\n    name: A\n    command: x\n    triggers: [manual]\n",
    "CR-only line breaks": "services:\r  web:\r    name: W\r    start: |\r      a\r      b\r    stop: x\r",
    "final block scalar": SERVICE + "    start: |\n      npm start",
    "final block scalar, not first": "services:\n  web:\n    stop: x\n    name: W\n    start: |\n      npm start",
    "whitespace-only line in a | block": SERVICE + "    start: |\n      a\n        \n      b\n",
    "kept trailing lines": SERVICE + "    start: |+\n      a\n\n    stop: b\n",
    "duplicated key": SERVICE + "    start: one\n    start: two\n",
    "duplicated misspelt key": TASK + "    triggers: [manual]\n    triggers: [prebuild]\n",
    "empty commands": SERVICE + "    commands:\n    start: npm start\n",
    "empty flow commands": SERVICE + "    commands: {}\n    start: npm start\n",
    "null commands after": SERVICE + "    start: npm start\n    commands: ~\n",
    "commands with a comment": SERVICE + "    commands:  # soon\n    start: npm start\n",
    "flow commands": SERVICE + "    commands: {stop: x}\n    start: npm start\n",
    "flow service over lines": "services:\n  web: {\n    name: W,\n    start: npm start\n  }\n",
    "target exists": TASK + "    triggeredBy: [manual]\n    triggers: [prebuild]\n",
    "two spellings, one target": TASK + "    triggers: [manual]\n    triggerBy: [prebuild]\n",
    "proto name beside": TASK + "    triggered_by: [manual]\n    triggers: [prebuild]\n",
    "ready without start": SERVICE + "    ready: curl -sf localhost\n",
    "alias into a moved value": "x: &s npm start\nservices:\n  web:\n    name: W\n    start: *s\n",
    "anchor on a repeated entry": TASK + "    triggeredBy: [manual, &m manual]\n    description: *m\n",
    "anchor on a repeated block entry": TASK
    + "    triggeredBy:\n      - manual\n      - &m manual\n    description: *m\n",
    "tagged value": SERVICE + "    start: !!str |\n      a\n",
    "reference that reads as a number": (
        "tasks:\n  '123':\n    name: A\n    command: x\n  b:\n    name: B\n    command: y\n    dependsOn: [1234]\n"
    ),
}


@pytest.mark.usefixtures("without_shellcheck")
@pytest.mark.parametrize("text", CLASSES.values(), ids=CLASSES.keys())
def test_each_class(text: str) -> None:
    assert_fix_is_safe(text)
    assert_fix_is_safe(fix_text(text, unsafe=True).text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            CLASSES["no final newline"],
            "services:\n  web:\n    name: W\n    commands:\n      stop: pkill node\n      start: npm start\n",
        ),
        (
            CLASSES["final block scalar"],
            "services:\n  web:\n    name: W\n    commands:\n      start: |\n        npm start",
        ),
        (CLASSES["empty commands"], "services:\n  web:\n    name: W\n    commands:\n      start: npm start\n"),
        (CLASSES["null commands after"], "services:\n  web:\n    name: W\n    commands:\n      start: npm start\n"),
        (
            SERVICE + "    start: npm start\n    description: D\n    commands: ~\n",
            "services:\n  web:\n    name: W\n    commands:\n      start: npm start\n    description: D\n",
        ),
        (
            CLASSES["CR-only line breaks"],
            "services:\r  web:\r    name: W\r    commands:\r      start: |\r        a\r        b\r      stop: x\r",
        ),
        (CLASSES["two byte order marks"], CLASSES["two byte order marks"].replace("triggers", "triggeredBy")),
        (CLASSES["duplicated key"], CLASSES["duplicated key"]),
        (CLASSES["target exists"], CLASSES["target exists"]),
        (CLASSES["ready without start"], CLASSES["ready without start"]),
        (CLASSES["anchor on a rewritten value"], CLASSES["anchor on a rewritten value"]),
        (CLASSES["commands with a comment"], CLASSES["commands with a comment"]),
        (CLASSES["flow commands"], CLASSES["flow commands"]),
        (
            "services:\n  web:\n    start: npm start\n    name: W\n    commands:\n      stop: x\n",
            "services:\n  web:\n    name: W\n    commands:\n      stop: x\n      start: npm start\n",
        ),
        (
            CLASSES["no final newline, commands last"],
            "services:\n  web:\n    name: W\n    commands:\n      stop: x\n      start: npm start\n",
        ),
        (
            "services:\r  web:\r    start: npm start\r    name: W\r    commands:\r      stop: x\r",
            "services:\r  web:\r    name: W\r    commands:\r      stop: x\r      start: npm start\r",
        ),
        (
            "services:\n  web:\n    name: W\n    commands:\n      stop: x\n    start: npm start",
            "services:\n  web:\n    name: W\n    commands:\n      stop: x\n      start: npm start\n",
        ),
        (
            SERVICE + "    start: |\n      a\n\n      b\n",
            "services:\n  web:\n    name: W\n    commands:\n      start: |\n        a\n\n        b\n",
        ),
        *(
            (
                SERVICE + f"    start: a{line_break}    stop: b\n",
                f"services:\n  web:\n    name: W\n    commands:\n      start: a{line_break}      stop: b\n",
            )
            for line_break in ("\x85", "\u2028", "\u2029")
        ),
        (
            "services:\n web:\n  name: W\n  start: npm start\n",
            "services:\n web:\n  name: W\n  commands:\n   start: npm start\n",
        ),
        (CLASSES["flow service over lines"], CLASSES["flow service over lines"]),
    ],
    ids=[
        "no final newline",
        "final block",
        "empty commands",
        "null commands",
        "null commands after another field",
        "CR only",
        "BOMs",
        "dup",
        "exists",
        "no start",
        "aliased anchor",
        "comment on commands",
        "flow commands",
        "commands last",
        "commands last, no final newline",
        "commands last, CR only",
        "entry last, no final newline",
        "empty line in a block",
        "NEL",
        "U+2028",
        "U+2029",
        "one-space indent",
        "flow service over lines",
    ],
)
@pytest.mark.usefixtures("without_shellcheck")
def test_what_the_fix_writes(text: str, expected: str) -> None:
    assert fix_text(text).text == expected


# What each class offers an editor, which applies a fix's edits as they are (no round of --fix checks them):
# (rule, the fix's description, or None where no fix is certain) of each problem a fix maker handles.
UNKNOWN, START, START_STOP = "unknown-field", 'move "start" under commands:', 'move "start", "stop" under commands:'
STOP_START = 'move "stop", "start" under commands:'
OFFERED = {
    "no final newline": [(UNKNOWN, STOP_START), (UNKNOWN, STOP_START)],
    "no final newline, commands last": [(UNKNOWN, START)],
    "quoted value under-indented": [(UNKNOWN, START)],
    "single-quoted under-indented": [(UNKNOWN, START)],
    "plain value under-indented": [(UNKNOWN, START)],
    "U+2028 in a quoted value": [(UNKNOWN, START)],
    "U+2028 in a plain value": [],
    "anchor on a rewritten value": [("unknown-trigger", None)],
    "anchor on a renamed key": [(UNKNOWN, None)],
    "two byte order marks": [(UNKNOWN, 'rename "triggers" to "triggeredBy"')],
    "CR-only line breaks": [(UNKNOWN, START_STOP), (UNKNOWN, START_STOP)],
    "final block scalar": [(UNKNOWN, START)],
    "final block scalar, not first": [(UNKNOWN, None), (UNKNOWN, None)],
    "whitespace-only line in a | block": [(UNKNOWN, START)],
    "kept trailing lines": [(UNKNOWN, START_STOP), (UNKNOWN, START_STOP)],
    "duplicated key": [(UNKNOWN, None)],
    "duplicated misspelt key": [(UNKNOWN, None)],
    "empty commands": [(UNKNOWN, START)],
    "empty flow commands": [(UNKNOWN, START)],
    "null commands after": [(UNKNOWN, START)],
    "commands with a comment": [(UNKNOWN, None)],
    "flow commands": [(UNKNOWN, None)],
    "flow service over lines": [(UNKNOWN, None)],
    "target exists": [(UNKNOWN, None)],
    "two spellings, one target": [(UNKNOWN, None), (UNKNOWN, None)],
    "proto name beside": [("proto-field-name", 'rename "triggered_by" to "triggeredBy"'), (UNKNOWN, None)],
    "ready without start": [(UNKNOWN, None)],
    "alias into a moved value": [(UNKNOWN, None), (UNKNOWN, None)],
    "anchor on a repeated entry": [("duplicate-entry", None)],
    "anchor on a repeated block entry": [("duplicate-entry", None)],
    "tagged value": [(UNKNOWN, START)],
    "reference that reads as a number": [],
    "alias of a misspelt trigger": [("unknown-trigger", None), ("unknown-trigger", None)],
    "task trigger on a service": [("unknown-trigger", None)],
    "duplicated proto name": [("proto-field-name", None)],
    "dependencies on a service": [(UNKNOWN, None)],
    "commands a list": [(UNKNOWN, None)],
    "ready beside commands without start": [(UNKNOWN, None)],
}
EXTRA_CLASSES = {
    "alias of a misspelt trigger": (
        TASK + "    triggeredBy: [&t manaul]\n  b:\n    name: B\n    command: y\n    triggeredBy: [*t]\n"
    ),
    "task trigger on a service": SERVICE + "    commands: {start: x}\n    triggeredBy: [beforeSnapshto]\n",
    "duplicated proto name": TASK + "    triggered_by: [manual]\n    triggered_by: [prebuild]\n",
    "dependencies on a service": SERVICE + "    commands: {start: x}\n    dependencies: [db]\n",
    "commands a list": SERVICE + "    commands:\n      - stop\n    start: npm start\n",
    # `commands` would still lack `start`: the move would trade one error for another
    "ready beside commands without start": SERVICE + "    commands:\n      stop: x\n    ready: curl -sf localhost\n",
}
FIXABLE = {UNKNOWN, "unknown-trigger", "unknown-role", "duplicate-entry", "unknown-reference", "proto-field-name"}


@pytest.mark.usefixtures("without_shellcheck")
@pytest.mark.parametrize("name", OFFERED)
def test_the_fix_each_class_offers_an_editor(name: str) -> None:
    text = {**CLASSES, **EXTRA_CLASSES}[name]
    found = [(d.name, d.fix.description if d.fix else None) for d in lint_text(text) if d.name in FIXABLE]
    assert found == OFFERED[name]


@pytest.mark.usefixtures("without_shellcheck")
def test_a_reference_among_many_names_is_fixed_as_among_few() -> None:
    """Past 50 names the close ones come from an index instead of a scan: the fix is the same."""
    tasks = "".join(f"  task{i}: {{name: T, command: x}}\n" for i in range(60))
    text = "tasks:\n" + tasks + "  last: {name: L, command: y, dependsOn: [tsak7]}\n"
    assert fix_text(text, unsafe=True).text == text.replace("tsak7", "task7")


@pytest.mark.usefixtures("without_shellcheck")
def test_an_empty_commands_whose_anchor_an_alias_uses_is_not_replaced() -> None:
    """An editor applies a fix's edits as they are, with no round of --fix to undo them: a new `commands:` line in
    place of this one would leave the alias below without its anchor."""
    text = SERVICE + "    &c commands:\n    start: npm start\ntasks:\n  t:\n    name: T\n    command: x\n"
    (unused,) = [d for d in lint_text(text) if d.name == "unknown-field"]
    assert unused.fix is not None and unused.fix.description == 'move "start" under commands:'  # nothing uses &c
    (aliased,) = [d for d in lint_text(text + "    description: *c\n") if d.name == "unknown-field"]
    assert aliased.fix is None
    # Anchors that aliases use elsewhere in the file, before and after it, are not this line's.
    around = "x-a: &a A\nx-b: *a\n" + text + "    description: &d D\n  u:\n    name: *d\n    command: z\n"
    (elsewhere,) = [d for d in lint_text(around) if d.name == "unknown-field" and d.line == 7]
    assert elsewhere.fix is not None and elsewhere.fix.description == 'move "start" under commands:'


@pytest.mark.usefixtures("without_shellcheck")
@pytest.mark.parametrize(
    ("text", "removed"),
    [
        (CLASSES["anchor on a repeated entry"], None),  # its alias would lose the anchor
        (CLASSES["anchor on a repeated block entry"], None),
        (TASK + "    triggeredBy: [manual, &m manual]\n", "    triggeredBy: [manual]\n"),  # an unused anchor goes too
        (TASK + "    triggeredBy: [manual,  # again for Wayland, X\n      manual]\n", None),  # the comment would go
        (TASK + "    triggeredBy:\n      - manual\n      -\n        manual\n", None),  # its dash would stay
    ],
    ids=["aliased anchor", "aliased anchor, block", "unused anchor", "comment before it", "item below its dash"],
)
def test_the_removal_of_a_repeated_entry_an_editor_is_offered(text: str, removed: str | None) -> None:
    """An editor applies a fix's edits as they are, with no round of --fix to undo a bad one."""
    (found,) = [d for d in lint_text(text) if d.name == "duplicate-entry"]
    if removed is None:
        assert found.fix is None
    else:
        assert found.fix is not None
        (edit,) = found.fix.edits
        assert text[: edit.start] + edit.text + text[edit.end :] == TASK + removed


@pytest.mark.usefixtures("without_shellcheck")
def test_a_service_written_as_an_alias_has_no_lines_to_move() -> None:
    text = "x-web: &web\n  name: W\n  start: npm start\nservices:\n  web: *web\n"
    assert [(d.line, d.fix) for d in lint_text(text) if d.name == "unknown-field"] == [(1, None), (5, None)]


@pytest.mark.usefixtures("without_shellcheck")
def test_a_repeated_entry_seen_through_an_alias_has_no_fix() -> None:
    """Task b's list is task a's, through an alias: it has no text of its own to remove."""
    text = TASK + "    triggeredBy: &l [manual, manual]\n  b:\n    name: B\n    command: y\n    triggeredBy: *l\n"
    assert [(d.line, d.fix) for d in lint_text(text) if d.name == "duplicate-entry"] == [(5, None), (9, None)]


@pytest.mark.usefixtures("without_shellcheck")
def test_an_anchor_that_no_alias_uses_is_kept() -> None:
    text = "tasks:\n  a:\n    name: A\n    command: x\n    triggeredBy: [&trigger Manual]\n"
    assert fix_text(text).text == text.replace("Manual", "manual")


TYPO = (
    "tasks:\n  build:\n    name: Build\n    command: make\n"
    "  test:\n    name: Test\n    command: make test\n    dependsOn: [biuld]\n"
)
PROTO = "tasks:\n  build:\n    name: Build\n    command: make\n    depends_on: []\n"


@pytest.mark.usefixtures("without_shellcheck")
def test_fix_text_applies_unsafe_fixes_only_when_asked_and_calls_the_text_stdin() -> None:
    result = fix_text(TYPO)
    assert (result.text, result.fixed) == (TYPO, 0)
    assert [(d.path, d.name) for d in result.remaining] == [("<stdin>", "unknown-reference")]
    assert fix_text(TYPO, unsafe=True).text == TYPO.replace("biuld", "build")


@pytest.mark.usefixtures("without_shellcheck")
def test_fix_text_fixes_only_the_rules_the_configuration_enables() -> None:
    from automations_lint.engine.config import Config

    result = fix_text(PROTO, config=Config(ignore=frozenset({"AL303"})))
    assert (result.text, result.fixed, result.remaining) == (PROTO, 0, [])
    assert fix_text(PROTO).text == PROTO.replace("depends_on", "dependsOn")


@pytest.mark.usefixtures("without_shellcheck")
def test_a_yaml_problem_in_a_file_that_was_read_stops_fixing() -> None:
    """A merge of a number is a syntax error that still leaves a document, with a fixable name in it."""
    text = PROTO.replace("    name: Build", "    <<: 5\n    name: Build")
    result = fix_text(text)
    assert (result.text, result.fixed) == (text, 0)
    assert [d.name for d in result.remaining] == ["syntax-error", "proto-field-name"]


@pytest.mark.usefixtures("without_shellcheck")
def test_only_byte_order_marks_are_set_aside_before_the_text() -> None:
    result = fix_text("\ufeff\ufeffXtasks: 1\n")
    assert result.text == "\ufeff\ufeffXtasks: 1\n"
    assert [d.message for d in result.remaining] == ['unknown field "Xtasks" at the top level']


@pytest.mark.usefixtures("without_shellcheck")
def test_a_round_that_makes_the_file_worse_is_undone(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fix maker with a mistake (here: one that renames `triggers` to a field the task has already) must not
    reach the file: the round is linted again, found worse, and undone, with everything it would have fixed."""
    from automations_lint.fix import makers

    def into_name(finding: Finding, source: Source) -> Fix | None:
        node = source.source_map.get(finding.path)
        assert node is not None and node.key is not None
        start, end = source.slice(node.key)
        return Fix("rename to name", (Edit(start, end, "name"),))

    text = TASK + "    triggers: [manual]\n    triggeredBy: [manaul]\n"
    monkeypatch.setitem(makers._MAKERS, "unknown-field", into_name)
    result = fix_text(text)
    assert (result.text, result.fixed) == (text, 0)
    assert [d.name for d in result.remaining] == ["unknown-field", "unknown-trigger"]


@pytest.mark.usefixtures("without_shellcheck")
def test_a_file_with_nothing_to_fix_is_linted_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """--fix over many files that need nothing (pre-commit's usual run) costs one lint each, not a round each."""
    from automations_lint.engine import fixing

    linted: list[str] = []
    real_lint_files = fixing.lint_files

    def counted(files: list[SourceFile]) -> LintRun:
        linted.extend(file.text for file in files)
        return real_lint_files(files)

    monkeypatch.setattr(fixing, "lint_files", counted)
    result = fix_text(PROTO.replace("depends_on", "dependsOn"))
    assert (result.fixed, result.remaining, linted) == (0, [], [PROTO.replace("depends_on", "dependsOn")])


@pytest.mark.parametrize(
    ("before", "after", "worse"),
    [
        ([], [("error", "unknown-field")], True),
        ([], [("warning", "unknown-field")], False),
        ([("warning", "unknown-field")], [("warning", "unknown-field"), ("warning", "duplicate-key")], True),
        ([("error", "duplicate-key")], [("error", "unknown-field")], False),
    ],
)
def test_a_round_is_worse_with_more_errors_or_more_yaml_problems_of_a_kind(
    before: list[tuple[str, str]], after: list[tuple[str, str]], worse: bool
) -> None:
    from helpers import diagnostic

    from automations_lint.engine.fixing import _worse

    def made(pairs: list[tuple[str, str]]) -> list[Diagnostic]:
        return [diagnostic(severity=severity, name=name) for severity, name in pairs]

    assert _worse(made(before), made(after)) is worse


@pytest.mark.usefixtures("without_shellcheck")
@pytest.mark.parametrize("path", corpus_files(), ids=lambda path: path.name)
def test_corpus_fixes_are_safe(path: Path) -> None:
    assert_fix_is_safe(path.read_bytes().decode("utf-8"))


# -- generated documents, written by hand ----------------------------------------------------------------------

words = st.text(alphabet="abcxyz019 -./$&|", min_size=1, max_size=12).filter(lambda text: text.strip() == text)


@st.composite
def command_value(draw: st.DrawFn, indent: int) -> str:
    """The text after `key:` of one command, in one of the styles people write, over one or more lines."""
    style = draw(st.sampled_from(["plain", "block", "keep", "double", "single", "anchor", "separators"]))
    lines = draw(st.lists(words, min_size=1, max_size=3))
    if style == "plain":
        return lines[0].replace("&", "a").replace("|", "p").lstrip("-.") or "run"
    if style in ("block", "keep"):
        pad = " " * (indent + 2)
        body = "".join(pad + line + "\n" if draw(st.booleans()) else " " * draw(st.integers(0, indent + 4)) + "\n"
                       for line in lines)  # fmt: skip
        return ("|+" if style == "keep" else "|") + "\n" + pad + "first\n" + body.rstrip("\n")
    if style == "separators":
        return '"' + "\u2028".join(lines).replace('"', "") + '"'
    # Quoted over several lines; continuation lines anywhere right of the parent mapping's indentation.
    quote = '"' if style in ("double", "anchor") else "'"
    clean = [line.replace(quote, "") or "x" for line in lines]
    gaps = [" " * draw(st.integers(indent - 1, indent + 4)) for _ in clean[1:]]
    text = quote + clean[0] + "".join("\n" + gap + line for gap, line in zip(gaps, clean[1:], strict=True)) + quote
    return ("&a" + str(draw(st.integers(0, 3))) + " " + text) if style == "anchor" else text


@st.composite
def service_text(draw: st.DrawFn, key: str, step: int) -> str:
    inner = " " * (2 * step)
    fields = [f"{inner}name: {key.upper()}\n"]
    misplaced = draw(st.lists(st.sampled_from(COMMAND_FIELDS), unique=True, max_size=3))
    for field in misplaced:
        fields.append(f"{inner}{field}: {draw(command_value(2 * step))}\n")
    if draw(st.booleans()):
        kept = [field for field in COMMAND_FIELDS if field not in misplaced or draw(st.booleans())]
        nested = " " * (3 * step)
        body = "".join(f"{nested}{field}: {draw(command_value(3 * step))}\n" for field in kept[:2])
        fields.append(
            draw(st.sampled_from([f"{inner}commands:\n{body}", f"{inner}commands:\n", f"{inner}commands: {{}}\n"]))
        )
    if draw(st.booleans()):
        fields.append(f"{inner}{draw(st.sampled_from(['triggers', 'triggeredBy', 'triggerBy']))}: [Manual]\n")
    if draw(st.booleans()) and len(fields) > 1:  # a key written twice
        fields.append(draw(st.sampled_from(fields[1:])))
    order = draw(st.permutations(fields))
    if draw(st.integers(0, 4)) == 0:  # one field mis-indented by a space or two, either way
        at = draw(st.integers(0, len(order) - 1))
        shift = draw(st.sampled_from([-2, -1, 1, 2]))
        order[at] = " " * shift + order[at] if shift > 0 else order[at][-shift:]
    return " " * step + key + ":\n" + "".join(order)


@st.composite
def hand_written(draw: st.DrawFn) -> str:
    step = draw(st.sampled_from([2, 4]))
    keys = draw(st.lists(st.sampled_from(["web", "db", "api"]), unique=True, min_size=1, max_size=2))
    text = "services:\n" + "".join(draw(service_text(key, step)) for key in keys)
    if draw(st.booleans()):
        text += f"tasks:\n{' ' * step}t:\n{' ' * 2 * step}name: T\n{' ' * 2 * step}command: make\n"
        text += f"{' ' * 2 * step}{draw(st.sampled_from(['triggers', 'dependencies']))}: [{keys[0]}]\n"
        if draw(st.booleans()):
            text += f"{' ' * 2 * step}description: *a0\n"
    if draw(st.booleans()):
        text = text.rstrip("\n")
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return "\ufeff" * draw(st.integers(0, 2)) + text.replace("\n", newline)


@pytest.mark.usefixtures("without_shellcheck")
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(hand_written())
def test_fixing_hand_written_documents(text: str) -> None:
    assert_fix_is_safe(text)
