"""Indentation mistakes are explained in plain words: re-indent lines of the real files and no syntax error may
show the YAML parser's own phrases. (Each explanation is pinned with its exact text in tests/cases/syntax-error/.)"""

from __future__ import annotations

import random
from pathlib import Path

from helpers import corpus_files
from test_hostile_input import check_in_child

from automations_lint import lint_text

RAW_PHRASES = (
    "did not find expected",
    "mapping values are not allowed",
    "could not find expected",
    "while parsing",
    "while scanning",
    "expected <",
)


def reindented(text: str, chance: random.Random) -> str:
    """`text` with one non-blank line moved 1 to 3 columns left or right."""
    lines = text.split("\n")
    candidates = [index for index, line in enumerate(lines) if line.strip()]
    index = chance.choice(candidates)
    shift = chance.choice([-3, -2, -1, 1, 2, 3])
    line = lines[index]
    if shift > 0:
        lines[index] = " " * shift + line
    else:
        lines[index] = line[min(-shift, len(line) - len(line.lstrip(" "))) :]
    return "\n".join(lines)


def test_reindented_lines_of_real_files_get_plain_words() -> None:
    chance = random.Random(11)
    files = corpus_files()
    syntax_errors = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        for _ in range(2):
            for diagnostic in lint_text(reindented(text, chance), path.name):
                if diagnostic.code == "AL001":
                    syntax_errors.append(diagnostic.message)
    assert len(syntax_errors) > 100  # the mutations do break files
    assert [message for message in syntax_errors if any(raw in message for raw in RAW_PHRASES)] == []


def test_a_megabyte_line_above_a_misindented_key_is_explained_at_once(tmp_path: Path) -> None:
    # The explanation reads the lines above the error with regular expressions: they must stay linear on a long
    # line of spaces (a lazy match before `\s*:` took minutes here).
    text = "tasks:\n  build:\n    n" + " " * 1_000_000 + "\n   command: y\n"
    code, out, err = check_in_child(tmp_path, text)
    assert (code, err) == (1, "")
    assert out.startswith('automations.yaml:4:11: error AL001 invalid YAML: ": " where YAML cannot start a key')
