"""The real-world corpus as a regression suite: 147 automations files from public repositories.

- tests/corpus/snapshot.txt holds every diagnostic of every file, one line each as `--format concise` prints it.
  After a deliberate change (a new rule, a reworded message), regenerate it and review the diff line by line:

      python tests/update_goldens.py snapshot

- tests/corpus/review.tsv is an independent hand review of every file. A file it calls valid must get no error, and
  one it calls invalid must get errors on exactly the lines it names (its warnings column is not checked).

The shellcheck rule is left out of the snapshot (its findings depend on the installed ShellCheck); a separate test
runs it over the corpus when ShellCheck is installed. The corpus is vendored in tests/corpus/files, with the
repository, path and commit of each file in tests/corpus/manifest.tsv.
"""

from __future__ import annotations

import collections
import csv
import difflib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from goldens import SNAPSHOT, UPDATE, corpus_diagnostics, snapshot_text
from helpers import CHILD_CLI, shellcheck_available

from automations_lint import lint_bytes
from automations_lint.core.diagnostic import Diagnostic
from automations_lint.engine.run import LintRun
from automations_lint.rules.registry import BY_CODE
from automations_lint.source.lines import LINE_BREAK

REVIEW = SNAPSHOT.parent / "review.tsv"


@pytest.fixture(scope="module")
def linted(corpus_files: list[Path]) -> dict[str, list[Diagnostic]]:
    """The diagnostics of each corpus file, by file name, without the shellcheck rule."""
    return corpus_diagnostics(corpus_files)


def test_snapshot(linted: dict[str, list[Diagnostic]]) -> None:
    actual = snapshot_text(linted)
    expected = SNAPSHOT.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(), "snapshot.txt", "now", lineterm="", n=0)
        pytest.fail(
            f"the corpus diagnostics changed; if that is intended, run {UPDATE} snapshot and review the diff\n"
            + "\n".join(list(diff)[:200]),
            pytrace=False,
        )


def read_review() -> dict[str, tuple[str, set[int]]]:
    """File name -> (verdict, the lines the review expects errors on)."""
    with REVIEW.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return {
        row["file"]: (row["verdict"], {int(n) for n in re.findall(r"(?:^|; )L(\d+) ", row["errors"])}) for row in rows
    }


def test_review_covers_the_corpus(linted: dict[str, list[Diagnostic]]) -> None:
    assert sorted(read_review()) == sorted(linted)


def test_verdicts_and_error_lines_match_the_hand_review(linted: dict[str, list[Diagnostic]]) -> None:
    wrong = []
    for name, (verdict, lines) in sorted(read_review().items()):
        errors = {d.line for d in linted[name] if d.severity == "error"}
        if verdict == "valid" and errors:
            wrong.append(f"{name}: reviewed valid, but errors on lines {sorted(errors)}")
        elif verdict == "invalid" and errors != lines:
            wrong.append(f"{name}: review has errors on lines {sorted(lines)}, the linter on {sorted(errors)}")
        elif verdict not in ("valid", "invalid"):
            wrong.append(f"{name}: unknown verdict {verdict!r}")
    assert not wrong, "\n".join(wrong)


def test_summary(linted: dict[str, list[Diagnostic]], terminal_summary: list[str]) -> None:
    with_errors = [name for name, found in linted.items() if any(d.severity == "error" for d in found)]
    with_warnings = [name for name, found in linted.items() if any(d.severity == "warning" for d in found)]
    clean = [name for name, found in linted.items() if not found]
    terminal_summary.append(
        f"{len(linted)} files: {len(clean)} clean, {len(with_errors)} with errors, "
        f"{len(with_warnings)} with warnings (shellcheck rule not included)"
    )
    by_rule = collections.Counter((d.severity, d.code) for found in linted.values() for d in found)
    files_by_rule = collections.Counter(
        (d.severity, d.code) for found in linted.values() for d in {d.code: d for d in found}.values()
    )
    for (severity, code), count in sorted(by_rule.items()):
        files = files_by_rule[severity, code]
        line = f"  {severity:<8}{code} {BY_CODE[code].NAME:<26}{count:>4} in {files} file{'' if files == 1 else 's'}"
        terminal_summary.append(line)
    assert len(with_errors) == sum(1 for verdict, _ in read_review().values() if verdict == "invalid")


def test_same_output_in_every_process(corpus_files: list[Path]) -> None:
    """Set and dict order changes with the hash seed: the output must not."""
    folder = corpus_files[0].parent
    names = [path.name for path in corpus_files]
    outputs = []
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", CHILD_CLI, "check", "--isolated", "--format", "json", *names],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert done.returncode == 1 and done.stderr == "", done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert len(json.loads(outputs[0])) == sum(1 for line in SNAPSHOT.read_text(encoding="utf-8").splitlines() if line)



@pytest.mark.skipif(not shellcheck_available(), reason="ShellCheck is not installed")
def test_with_shellcheck(corpus_files: list[Path], terminal_summary: list[str]) -> None:
    findings = 0
    for path in corpus_files:
        diagnostics = lint_bytes(path.read_bytes(), path.name)
        lines = LINE_BREAK.split(path.read_text(encoding="utf-8").removeprefix("\ufeff"))
        for d in diagnostics:
            assert 1 <= d.line <= len(lines) and 1 <= d.column <= len(lines[d.line - 1]) + 1, (path.name, d)
            assert "could not check" not in d.message, (path.name, d)
        findings += sum(1 for d in diagnostics if d.name == "shellcheck")
    terminal_summary.append(f"  with ShellCheck: {findings} shellcheck findings")


def test_the_result_cache_gives_back_every_corpus_file_exactly(corpus_files: list[Path], tmp_path: Path) -> None:
    """The same results (diagnostics with their fixes, line indexes, notices: so every output format prints the
    same) from an empty cache folder, from a full one, and for copies under other paths. Placed after
    test_with_shellcheck, whose ShellCheck answers are still in this process's memory: only this test's speed
    depends on that."""
    from automations_lint.engine.cache import ResultCache
    from automations_lint.engine.run import SourceFile, lint_files

    def seen(run: LintRun) -> list[object]:
        return [run.notices, *((r.path, r.lines.text, r.diagnostics, r.notices) for r in run.files)]

    files = [SourceFile(path.read_text(encoding="utf-8"), path.name) for path in corpus_files]
    uncached = seen(lint_files(files))
    assert seen(lint_files(files, cache=ResultCache(str(tmp_path)))) == uncached
    assert len(list(tmp_path.glob("v1/files/*/*.json"))) == len({file.text for file in files})
    assert seen(lint_files(files, cache=ResultCache(str(tmp_path)))) == uncached
    copies = [file._replace(path=f"copy/{file.path}") for file in files]
    assert seen(lint_files(copies, cache=ResultCache(str(tmp_path)))) == seen(lint_files(copies))
