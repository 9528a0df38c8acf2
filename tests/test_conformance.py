"""The linter agrees with Ona's own reader on every conformance case: an error if and only if Ona rejects the
file, except the deliberate differences listed in automations_lint/schema/spec.py (ERRORS_BEYOND_THE_READER, and the
disputed beforeSnapshot on a task, a warning).

tests/conformance/cases/ holds one small file per fact of how Ona reads the file (docs/format.md), and
tests/conformance/verdicts.tsv the verdict Ona's reader replica gave on each, so this test needs no Go. Re-record
the verdicts with `ONA_READER=... python tests/conformance/record_verdicts.py`; tests/test_reader_differential.py
runs the replica itself on generated files.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import CORPUS, corpus_files
from reader import Verdict, disagreement

CONFORMANCE = Path(__file__).parent / "conformance"
CASES = sorted((CONFORMANCE / "cases").glob("*.yaml"))


def recorded(name: str = "verdicts.tsv") -> dict[str, Verdict]:
    rows = (CONFORMANCE / name).read_text(encoding="utf-8").splitlines()[1:]
    verdicts = {}
    for row in rows:
        case, word, reason = row.split("\t", 2)
        verdicts[case] = Verdict(word == "ACCEPT", reason)
    return verdicts


VERDICTS = recorded()
CORPUS_VERDICTS = recorded("corpus_verdicts.tsv")


def test_every_case_has_a_recorded_verdict() -> None:
    assert sorted(VERDICTS) == sorted(case.stem for case in CASES)


def test_the_cases_cover_both_verdicts() -> None:
    words = [verdict.accepted for verdict in VERDICTS.values()]
    assert words.count(True) >= 30 and words.count(False) >= 30


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_linter_agrees_with_the_reader(case: Path) -> None:
    text = case.read_bytes().decode("utf-8")
    problem = disagreement(text, VERDICTS[case.stem])
    assert problem is None, problem


def test_the_format_documentation_cites_real_cases() -> None:
    """docs/format.md backs its facts with case names in backquotes: each must be a case with a verdict."""
    text = (Path(__file__).parents[1] / "docs" / "format.md").read_text(encoding="utf-8")
    families = "doc|key|field|proto|null|runs-on|duration|rule|scalar|tag|dup|merge"
    cited = set(re.findall(rf"`((?:{families})-[a-z0-9-]*[a-z0-9])`", text))
    assert len(cited) > 20
    assert sorted(cited - set(VERDICTS)) == []


def test_every_corpus_file_has_a_recorded_verdict() -> None:
    assert sorted(CORPUS_VERDICTS) == sorted(path.name for path in corpus_files())


@pytest.mark.parametrize("name", sorted(CORPUS_VERDICTS))
def test_linter_agrees_with_the_reader_on_the_real_files(name: str) -> None:
    text = (CORPUS / name).read_bytes().decode("utf-8")
    problem = disagreement(text, CORPUS_VERDICTS[name])
    assert problem is None, problem
