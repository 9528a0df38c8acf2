"""The fresh sample: hand-made mutants of kinds mutmut does not make, run against the same tests as mutmut.

mutmut changes one token at a time (an operator, a constant, a keyword, an argument to None). The mutants below
are other kinds of mistakes: a statement deleted, two arguments swapped, a wrapper call dropped (sorted, set), a
slice or a loop bound moved, the wrong variable used. They were written before the survivors of the mutmut run
were looked at, at lines drawn at random from the mutated modules (see tests/MUTATION.md), and no test was
written against them: they check that the score is not an artefact of tuning the tests to mutmut's operators.

Each mutant is applied to a copy of the repository (never to the checkout) and the tests of [tool.mutmut] run
there with `-x`. Run from the repository's root (about 15 to 25 minutes on 2 CPUs):

    python tests/mutation/fresh.py                # every mutant of the newest sample
    python tests/mutation/fresh.py --seed 16 2 7  # only these mutants of that sample (numbers from 1)
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the dev extra installs tomli for Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
# A mutant whose tests run this long is stopped and counted as caught (a user would notice the hang).
TIMEOUT = 600


class Mutant(NamedTuple):
    path: str
    old: str
    new: str
    kind: str


# The sample drawn with seed 16 (tests/MUTATION.md, "The fresh sample").
SEED_16: list[Mutant] = [
    Mutant("automations_lint/cli/commands.py", "    run.seen.add(identity)\n", "", "statement deleted"),
    Mutant("automations_lint/cli/commands.py", "_rule_list(values, select=", "_rule_list(values[:1], select=", "slice"),
    Mutant(
        "automations_lint/fix/makers.py",
        "        if match is None:\n            return None\n        return _replace_scalar(\n",
        "        return _replace_scalar(\n",
        "statement deleted",
    ),
    Mutant(
        "automations_lint/fix/makers.py",
        """description=f'change "{value}" to "{match}"'""",
        """description=f'change "{match}" to "{value}"'""",
        "variables swapped",
    ),
    Mutant(
        "automations_lint/fix/makers.py",
        '        while cut > 0 and text[cut - 1] in " \\t\\r\\n":\n            cut -= 1\n',
        "",
        "loop deleted",
    ),
    Mutant(
        "automations_lint/fix/makers.py",
        "a[i] == b[i + 1] and a[i + 1] == b[i]",
        "a[i] == b[i + 1]",
        "condition dropped",
    ),
    Mutant(
        "automations_lint/fix/move.py",
        "if node is None or node.key is None or node.value.line == node.key.line:",
        "if node is None or node.key is None:",
        "condition dropped",
    ),
    Mutant(
        "automations_lint/fix/move.py",
        "return not loaded.broken and not loaded.problems and loaded.data == expected",
        "return not loaded.broken and loaded.data == expected",
        "condition dropped",
    ),
    Mutant(
        "automations_lint/fix/move.py",
        "node.value.end_column) : end].strip()",
        "node.value.end_column) : end]",
        "call dropped",
    ),
    Mutant("automations_lint/plan/render.py", "        self._used.add(candidate)\n", "", "statement deleted"),
    Mutant(
        "automations_lint/reporters/identity.py",
        "relative = os.path.relpath(path)",
        "relative = path",
        "call dropped",
    ),
    Mutant(
        "automations_lint/reporters/identity.py", "        seen[identity] = occurrence + 1\n", "", "statement deleted"
    ),
    Mutant(
        "automations_lint/reporters/sarif.py",
        '"fullDescription": {"text": description}',
        '"fullDescription": {"text": documentation}',
        "wrong variable",
    ),
    Mutant(
        "automations_lint/reporters/terminal.py",
        "files_with = len({d.path for d in diagnostics})",
        "files_with = len(diagnostics)",
        "set dropped",
    ),
    Mutant(
        "automations_lint/reporters/text.py",
        "    for diagnostic in report.diagnostics:\n        block = ",
        "    for diagnostic in sorted(report.diagnostics, key=lambda d: d.line):\n        block = ",
        "order changed",
    ),
    # Recorded in tests/MUTATION.md as `_unchecked += len(targets)` deleted: the count behind the notice that
    # ShellCheck is missing, which notices() has since replaced.
    Mutant("automations_lint/rules/shellcheck.py", "        yield MISSING\n", "", "statement deleted"),
    Mutant("automations_lint/rules/shellcheck.py", "        severity=severity(comment),\n", "", "argument dropped"),
    Mutant(
        "automations_lint/rules/unknown_field.py",
        'if name == "runs-on" and on_automation and isinstance(value, str):',
        'if name == "runs-on" and isinstance(value, str):',
        "condition dropped",
    ),
    Mutant("automations_lint/source/builder.py", '            "AliasEvent": self.alias,\n', "", "entry deleted"),
    Mutant(
        "automations_lint/source/builder.py",
        "if isinstance(frame.value, dict) and not frame.discard:",
        "if isinstance(frame.value, dict):",
        "condition dropped",
    ),
]


# Each sample by the seed its lines were drawn with.
SAMPLES = {16: SEED_16}


def pytest_arguments(root: Path = ROOT) -> list[str]:
    """The same tests and options as mutmut's run, from pyproject.toml."""
    with (root / "pyproject.toml").open("rb") as file:
        settings = tomllib.load(file)["tool"]["mutmut"]
    return [*settings["pytest_add_cli_args"], *settings["pytest_add_cli_args_test_selection"]]


def copy_repository(target: Path) -> None:
    ignore = shutil.ignore_patterns(".git", ".venv", "mutants", "node_modules", "__pycache__", ".hypothesis")
    shutil.copytree(ROOT, target, ignore=ignore, dirs_exist_ok=True)


def run_tests(copy: Path) -> tuple[str, float, str]:
    """'caught' or 'missed', the seconds the tests took, and the test that failed first (or "")."""
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-o", "addopts=", *pytest_arguments(copy)]
    environment = {**os.environ, "PYTHONPATH": str(copy)}
    start = time.monotonic()
    try:
        result = subprocess.run(command, cwd=copy, env=environment, capture_output=True, text=True,
                                timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return "caught (timeout)", time.monotonic() - start, ""
    if result.returncode not in (0, 1):
        raise SystemExit(f"pytest could not run ({result.returncode}):\n{result.stdout[-2000:]}{result.stderr}")
    failed = [line.split()[1] for line in result.stdout.splitlines() if line.startswith(("FAILED ", "ERROR "))]
    return ("caught" if result.returncode else "missed"), time.monotonic() - start, (failed or [""])[0]


def apply(copy: Path, mutant: Mutant) -> str:
    """Write the mutant into the copy; returns the original text to restore."""
    path = copy / mutant.path
    text = path.read_text(encoding="utf-8")
    if text.count(mutant.old) != 1:
        raise SystemExit(f"{mutant.path}: expected the text once, found it {text.count(mutant.old)} times:\n"
                         f"{mutant.old}")
    path.write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run a fresh sample of hand-made mutants (tests/MUTATION.md).")
    parser.add_argument("--seed", type=int, choices=sorted(SAMPLES), default=max(SAMPLES), help="which sample")
    parser.add_argument("numbers", nargs="*", type=int, metavar="NUMBER", help="only these mutants (from 1)")
    options = parser.parse_args(argv)
    mutants = SAMPLES[options.seed]
    if any(not 1 <= number <= len(mutants) for number in options.numbers):
        parser.error(f"a mutant's number is from 1 to {len(mutants)}")
    chosen = options.numbers or range(1, len(mutants) + 1)
    print(f"sample of seed {options.seed}, {len(chosen)} of its {len(mutants)} mutants")
    with tempfile.TemporaryDirectory(prefix="fresh-mutants-") as folder:
        copy = Path(folder)
        copy_repository(copy)
        verdict, seconds, _ = run_tests(copy)
        if verdict != "missed":
            raise SystemExit("the tests fail on the unchanged copy: fix that first")
        print(f"unchanged copy: tests pass in {seconds:.0f} s")
        caught = 0
        for number in chosen:
            mutant = mutants[number - 1]
            original = apply(copy, mutant)
            try:
                verdict, seconds, by = run_tests(copy)
            finally:
                (copy / mutant.path).write_text(original, encoding="utf-8")
            caught += verdict.startswith("caught")
            first_line = shlex.quote(mutant.old.strip().splitlines()[0])
            print(f"{number:2}. {verdict:16} {seconds:5.0f} s  {mutant.path}  {mutant.kind}: {first_line}")
            if by:
                print(f"    by {by}")
    print(f"\n{caught} of {len(chosen)} caught ({caught / len(chosen):.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
