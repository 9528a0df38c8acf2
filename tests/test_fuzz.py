"""Property tests over input nobody wrote on purpose: arbitrary text, arbitrary YAML-shaped data dumped in every
style, arbitrary bytes, and byte-level mutations of the real-world corpus.

Whatever comes in, the linter returns diagnostics without raising; each one lies inside the file; the same input
gives the same output; and every output format renders it, the JSON one as JSON that parses back to the same
diagnostics. The "ci" Hypothesis profile (conftest.py) runs a few hundred examples; for a longer hunt:

    HYPOTHESIS_PROFILE=fuzz python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from helpers import shellcheck_available
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from strategies import shaped_junk

from automations_lint import lint_bytes, lint_text
from automations_lint.core.diagnostic import Diagnostic
from automations_lint.engine.linter import decode
from automations_lint.engine.run import sort_key
from automations_lint.reporters import FORMATS, Report, reporter
from automations_lint.source.events import events
from automations_lint.source.lines import LINE_BREAK, Lines

# The shellcheck rule runs a process per file; it gets its own, smaller property test at the end.
no_shellcheck = pytest.mark.usefixtures("without_shellcheck")
# `without_shellcheck` only replaces a function: nothing to reset between examples.
examples = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


# -- the properties -------------------------------------------------------------------------------------------


def lines_of(text: str) -> list[str]:
    """The lines as the loader counts them (after a BOM, which no editor shows as a character)."""
    return LINE_BREAK.split(text.removeprefix("\ufeff"))


def assert_inside(diagnostics: list[Diagnostic], text: str) -> None:
    """Every span starts on a line of the file, at most one column past its end, and ends no earlier. An end may
    take in the line break (one column further), and the parser's end of a file without a final newline is the
    start of the line after the last."""
    lines = lines_of(text)
    for d in diagnostics:
        where = f"{d.line}:{d.column}-{d.end_line}:{d.end_column} {d.code} {d.message!r} in a {len(lines)}-line file"
        assert 1 <= d.line <= len(lines), where
        assert 1 <= d.column <= len(lines[d.line - 1]) + 1, where
        assert (d.line, d.column) <= (d.end_line, d.end_column), where
        at_end_of_file = (d.end_line, d.end_column) == (len(lines) + 1, 1)
        assert at_end_of_file or d.end_line <= len(lines), where
        assert at_end_of_file or d.end_column <= len(lines[d.end_line - 1]) + 2, where


def assert_same_order_in_every_process(diagnostics: list[Diagnostic]) -> None:
    """The linter collects diagnostics in a set, whose order changes with the hash seed, then sorts them: two that
    tie on the sort key would come out in a different order from one run to the next."""
    keys = [sort_key(d) for d in diagnostics]
    assert len(set(keys)) == len(keys), diagnostics


def assert_reports(diagnostics: list[Diagnostic], text: str) -> None:
    """Every format renders; the JSON one parses back to the diagnostics."""
    report = Report(diagnostics, 1, {"automations.yaml": Lines(text)})
    for name in FORMATS:
        assert isinstance(reporter(name)(report), str)
    assert json.loads(reporter("json")(report)) == [d.as_dict() for d in diagnostics]


def check_text(text: str) -> list[Diagnostic]:
    diagnostics = lint_text(text, "automations.yaml")
    assert_inside(diagnostics, text)
    assert lint_text(text, "automations.yaml") == diagnostics  # deterministic
    assert_same_order_in_every_process(diagnostics)
    if not text.startswith("\ufeff"):  # decoding a file drops one BOM, and the loader drops one more
        assert lint_bytes(text.encode("utf-8"), "automations.yaml") == diagnostics  # the file says what the text does
    assert_reports(diagnostics, text)
    return diagnostics


def check_bytes(data: bytes) -> list[Diagnostic]:
    diagnostics = lint_bytes(data, "automations.yaml")
    text = decode(data)
    if isinstance(text, Diagnostic):  # not UTF-8: positions count up to the first bad byte, which "replace" keeps
        text = data.decode("utf-8", "replace")
        assert [d.code for d in diagnostics] == ["AL001"]
    assert_inside(diagnostics, text)
    assert lint_bytes(data, "automations.yaml") == diagnostics
    assert_same_order_in_every_process(diagnostics)
    assert_reports(diagnostics, text)
    return diagnostics


# -- arbitrary text -------------------------------------------------------------------------------------------

# Pieces that mean something to YAML or to the file format, so that random text often parses some way.
TOKENS = [
    *[":", ": ", "-", "- ", " ", "  ", "\n", "\n", "\r\n", "\r", "\t", ",", "#", "'", '"', "\\", "|", ">", "|2", ">-"],
    *["[", "]", "{", "}", "? ", "&a ", "*a", "&b ", "*b", "!!str ", "!!int ", "!!map ", "!foo ", "<<: ", "!!python/"],
    *["---\n", "...\n", "%YAML 1.2\n", "%TAG ! !x\n", "\x00", "\x07", "\x85", "\u2028", "\ufeff", "é", "🚀"],
    *["services:", "tasks:", "name: x", "command: ", "dependsOn: ", "triggeredBy: ", "commands:", "start: ", "ready: "],
    *["runsOn:", "docker:", "image: ", "machine: {}", "manual", "prebuild", "yes", "on", "null", "~", "0", "1.5"],
    *["0x1f", "9" * 30, "npm start", "docker compose up -d", "tail -f x", "gp url", "sleep infinity", "&&", ";"],
]
token_soup = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=3)), max_size=80).map("".join)


@no_shellcheck
@examples
@given(st.one_of(token_soup, st.text()))
def test_arbitrary_text(text: str) -> None:
    check_text(text)


# -- YAML-shaped data, dumped in every style ------------------------------------------------------------------

@dataclass(frozen=True)
class Style:
    flow: bool | None
    width: int
    mapping: int
    sequence: int
    offset: int
    unicode: bool
    explicit: bool
    canonical: bool
    line_break: str


styles = st.builds(
    Style,
    flow=st.sampled_from([False, True, None]),
    width=st.sampled_from([20, 80, 4096]),
    mapping=st.integers(2, 4),
    sequence=st.integers(2, 6),
    offset=st.integers(0, 4),
    unicode=st.booleans(),
    explicit=st.booleans(),
    canonical=st.booleans(),
    line_break=st.sampled_from(["\n", "\r\n", "\r"]),
)


def dump(data: Any, style: Style) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = style.flow
    yaml.width = style.width
    yaml.indent(mapping=style.mapping, sequence=style.sequence, offset=min(style.offset, style.sequence - 2))
    yaml.allow_unicode = style.unicode
    yaml.explicit_start = style.explicit
    yaml.canonical = style.canonical  # type: ignore[assignment]
    yaml.line_break = style.line_break  # type: ignore[assignment]
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


@no_shellcheck
@examples
@given(shaped_junk, styles)
def test_yaml_shaped_data(data: Any, style: Style) -> None:
    text = dump(data, style)
    diagnostics = check_text(text)
    # Plain data has no tags of its own to complain about; and text libyaml reads (ruamel's emitter, written for
    # YAML 1.2, writes a few plain scalars such as `0?` in flow context that libyaml, and so Ona, refuses) gets
    # no syntax error. Text it refuses gets the syntax error, and at most what the loader found before it: a
    # duplicate key, or a key that is not a string (an integer key of the data, below the top level).
    codes = [d.code for d in diagnostics]
    assert not [d for d in diagnostics if d.code == "AL004"], text
    assert parses(text) or ("AL001" in codes and set(codes) <= {"AL001", "AL002", "AL108"}), text
    assert not parses(text) or "AL001" not in [d.code for d in diagnostics], text


def parses(text: str) -> bool:
    try:
        for _ in events(text):
            pass
    except YAMLError:
        return False
    return True


# -- bytes ----------------------------------------------------------------------------------------------------


@no_shellcheck
@examples
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    check_bytes(data)


INSERTS = [b"\t", b"\r", b"\r\n", b"\x00", b"\xff", b"\xc3", b"\xef\xbb\xbf", b": ", b"- ", b"&a ", b"*a", b"<<: "]
INSERTS += [b"'", b'"', b"[", b"{", b"#", b"|", b"\n  ", b"\n---\n", b"!!python/name:os.system ", "é🚀".encode()]


@st.composite
def mutations(draw: st.DrawFn, original: bytes) -> bytes:
    """`original` after one to five edits: flipped, deleted, inserted or duplicated bytes, or a cut-off end."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["flip", "delete", "insert", "duplicate", "truncate"]))
        if kind == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "insert":
            data[at:at] = draw(st.one_of(st.sampled_from(INSERTS), st.binary(min_size=1, max_size=4)))
        elif kind == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 80))]
        elif kind == "truncate":
            del data[at:]
    return bytes(data)


@no_shellcheck
def test_mutated_corpus_files(corpus_files: list[Path]) -> None:
    originals = [path.read_bytes() for path in corpus_files]

    @examples
    @given(st.sampled_from(originals).flatmap(mutations))
    def mutated(data: bytes) -> None:
        check_bytes(data)

    mutated()


# -- with ShellCheck: its findings are placed inside YAML scalars of every style ------------------------------

SCRIPT_LINES = ["cd $DIR", "echo $1", 'if [ -f x ]; then echo "a"', "fi", "ls *.txt | wc", "`date`", "a=1", "x && y"]
SCRIPT_LINES += ["  npm start  ", "echo 'it''s'", r"printf '\t%s\n' a", "cat <<EOF", "EOF", "$(( 1 + ))", "é 🚀"]
scripts = st.lists(st.sampled_from(SCRIPT_LINES), min_size=1, max_size=5).map("\n".join)
script_styles: dict[str, Callable[[str], str]] = {
    "literal": lambda script: "|\n" + "".join(f"      {line}\n" for line in script.split("\n")),
    "literal-strip": lambda script: "|-\n" + "".join(f"      {line}\n" for line in script.split("\n")),
    "indicator": lambda script: "|2\n" + "".join(f"        {line}\n" for line in script.split("\n")),
    "folded": lambda script: ">\n" + "".join(f"      {line}\n" for line in script.split("\n")),
    "double": lambda script: json.dumps(script, ensure_ascii=False) + "\n",
    "single": lambda script: "'" + script.replace("'", "''").replace("\n", "\n\n      ") + "'\n",
    "plain": lambda script: script.replace("\n", "\n      ") + "\n",
}



@pytest.mark.skipif(not shellcheck_available(), reason="ShellCheck is not installed")
@settings(max_examples=max(10, settings().max_examples // 5))
@given(st.lists(st.tuples(scripts, st.sampled_from(sorted(script_styles))), min_size=1, max_size=3))
def test_shellcheck_findings_lie_inside_the_file(commands: list[tuple[str, str]]) -> None:
    text = "tasks:\n" + "".join(
        f"  t{index}:\n    name: T\n    command: {script_styles[style](script)}"
        for index, (script, style) in enumerate(commands)
    )
    diagnostics = lint_text(text, "automations.yaml")
    assert_inside(diagnostics, text)
    assert_reports(diagnostics, text)
    assert not [d for d in diagnostics if "could not check" in d.message]
