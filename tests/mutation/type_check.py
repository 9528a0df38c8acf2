"""mutmut's type check: the errors of `mypy --strict` that a mutant brings, and none that mutmut's copies bring.

mutmut runs this once over all mutants before any test (`type_check_command` in pyproject.toml), from inside
mutants/, and counts a mutant as caught when one of the errors printed here falls inside its function: .ci/run
runs `mypy --strict automations_lint`, so a change that mypy rejects cannot be merged. Usage:

    python tests/mutation/type_check.py mypy --strict -O json automations_lint

mutmut copies every function it mutates (the original, `x_name__mutmut_orig`, beside each mutant
`x_name__mutmut_N`), and the copies have errors of their own that no mutation made: an `__init__` copy declares
its attributes again (`Attribute "key" already defined`), and mutmut's `# type: ignore` comments are unused. So a
mutant counts only for the errors its original copy does not have (same code, same message); the others are
dropped, as is every error outside a mutant. The errors kept are printed as mypy's JSON lines, which mutmut reads.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

MUTANT = re.compile(r"^(x_|xǁ).*__mutmut_(\d+|orig)$")
COPY_NUMBER = re.compile(r"__mutmut_(\d+|orig)\b")


def functions(path: Path) -> list[tuple[int, int, str]]:
    """(first line, last line, name) of every mutmut copy of a function in a mutated file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, node.end_lineno or node.lineno, node.name)
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and MUTANT.match(node.name)
    ]


def copy_of(error: dict[str, object], spans: list[tuple[int, int, str]]) -> str | None:
    line = error["line"]
    assert isinstance(line, int)
    return next((name for first, last, name in spans if first <= line <= last), None)


def mutants_errors(errors: list[dict[str, object]]) -> list[dict[str, object]]:
    """The errors of each mutant that its original copy does not have."""
    by_copy: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for error in errors:
        if error.get("severity") != "error":
            continue
        file = str(error["file"])
        if file not in spans:
            spans[file] = functions(Path(file))
        name = copy_of(error, spans[file])
        if name is not None:
            by_copy[file, name].append(error)
    kept = []
    for (file, name), found in by_copy.items():
        if name.endswith("__mutmut_orig"):
            continue
        original = COPY_NUMBER.sub("__mutmut_orig", name)
        expected = Counter(_kind(error) for error in by_copy.get((file, original), []))
        for error in found:
            if expected[_kind(error)] > 0:
                expected[_kind(error)] -= 1
            else:
                kept.append(error)
    return kept


def _kind(error: dict[str, object]) -> tuple[str, str]:
    return str(error.get("code")), COPY_NUMBER.sub("__mutmut_", str(error.get("message")))


def main(command: list[str]) -> int:
    done = subprocess.run(command, capture_output=True, encoding="utf-8", check=False)
    if done.returncode not in (0, 1) or (done.returncode == 1 and not done.stdout.strip()):
        print(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}{done.stdout}", file=sys.stderr)
        return 2
    errors = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    for error in mutants_errors(errors):
        print(json.dumps(error))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
