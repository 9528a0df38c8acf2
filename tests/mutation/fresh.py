"""The fresh sample: hand-made mutants of kinds mutmut does not make, run against the same tests as mutmut.

mutmut changes one token at a time (an operator, a constant, a keyword, an argument to None). The mutants below
are other kinds of mistakes: a statement deleted, two arguments swapped, a wrapper call dropped (sorted, set), a
slice or a loop bound moved, the wrong variable used. They were written before the survivors of the mutmut run
were looked at, at lines drawn at random from the mutated modules (see tests/MUTATION.md), and no test was
written against them: they check that the score is not an artefact of tuning the tests to mutmut's operators.

Each mutant is applied to a copy of the repository (never to the checkout) and the tests of [tool.mutmut] run
there with `-x`. Run from the repository's root (about 10 minutes on 2 CPUs):

    python tests/mutation/fresh.py
"""

from __future__ import annotations

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


MUTANTS: list[Mutant] = []


def pytest_arguments(root: Path = ROOT) -> list[str]:
    """The same tests and options as mutmut's run, from pyproject.toml."""
    with (root / "pyproject.toml").open("rb") as file:
        settings = tomllib.load(file)["tool"]["mutmut"]
    return [*settings["pytest_add_cli_args"], *settings["pytest_add_cli_args_test_selection"]]


def copy_repository(target: Path) -> None:
    ignore = shutil.ignore_patterns(".git", ".venv", "mutants", "node_modules", "__pycache__", ".hypothesis")
    shutil.copytree(ROOT, target, ignore=ignore, dirs_exist_ok=True)


def run_tests(copy: Path) -> tuple[str, float]:
    """'caught' or 'missed', and the seconds the tests took."""
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-o", "addopts=", *pytest_arguments(copy)]
    environment = {**os.environ, "PYTHONPATH": str(copy)}
    start = time.monotonic()
    try:
        result = subprocess.run(command, cwd=copy, env=environment, capture_output=True, text=True,
                                timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return "caught (timeout)", time.monotonic() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"pytest could not run ({result.returncode}):\n{result.stdout[-2000:]}{result.stderr}")
    return ("caught" if result.returncode else "missed"), time.monotonic() - start


def apply(copy: Path, mutant: Mutant) -> str:
    """Write the mutant into the copy; returns the original text to restore."""
    path = copy / mutant.path
    text = path.read_text(encoding="utf-8")
    if text.count(mutant.old) != 1:
        raise SystemExit(f"{mutant.path}: expected the text once, found it {text.count(mutant.old)} times:\n"
                         f"{mutant.old}")
    path.write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")
    return text


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="fresh-mutants-") as folder:
        copy = Path(folder)
        copy_repository(copy)
        verdict, seconds = run_tests(copy)
        if verdict != "missed":
            raise SystemExit("the tests fail on the unchanged copy: fix that first")
        print(f"unchanged copy: tests pass in {seconds:.0f} s")
        caught = 0
        for number, mutant in enumerate(MUTANTS, 1):
            original = apply(copy, mutant)
            try:
                verdict, seconds = run_tests(copy)
            finally:
                (copy / mutant.path).write_text(original, encoding="utf-8")
            caught += verdict.startswith("caught")
            first_line = shlex.quote(mutant.old.strip().splitlines()[0])
            print(f"{number:2}. {verdict:16} {seconds:5.0f} s  {mutant.path}  {mutant.kind}: {first_line}")
    print(f"\n{caught} of {len(MUTANTS)} caught ({caught / len(MUTANTS):.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
