"""The mutation score of the last `tests/mutation/run.sh`, per module, per kind of mutant and in total, as Markdown
tables.

Reads mutmut's verdicts from mutants/**/*.py.meta. A mutant counts as caught when a test failed (killed), when
`mypy --strict` rejected it before any test ran (type check: .ci/run would not let it in; tests/mutation/type_check.py),
or when the tests ran past their time limit (timeout: a user would notice the hang). The mutants listed under
"## Left out of the score" in tests/MUTATION.md (names, or patterns such as `...x__literal__mutmut_*`) change no
behaviour, or run only when the module is imported, before mutmut switches a mutant on; every other survivor
counts against the score. Run from the repository's root:

    python tests/mutation/score.py [--survivors]

Exit status 0 when the total score reaches GOAL, 1 when it does not, 2 when there is no run to read.
"""

from __future__ import annotations

import fnmatch
import json
import re
import sys
from collections import Counter
from pathlib import Path

from kinds import KINDS, kinds_in

GOAL = 0.85
ROOT = Path(__file__).resolve().parents[2]
MUTANTS = ROOT / "mutants"
RECORD = ROOT / "tests" / "MUTATION.md"

# mutmut's exit codes (mutmut/stats.py); SIGXCPU and SIGKILL are how its time limits end a looping mutant.
CAUGHT = {1: "killed", 3: "killed", 37: "type check", 36: "timeout", -24: "timeout", 24: "timeout", 152: "timeout",
          255: "timeout", -9: "timeout"}
MISSED = {0: "survived", 5: "no tests", 33: "no tests"}
EQUIVALENT = re.compile(r"^- `(automations_lint\.[^`]+__mutmut_[\d*]+)`")


def equivalent_mutants(record: Path = RECORD) -> list[str]:
    """The mutant names and patterns listed in the record's "Left out of the score" section."""
    if not record.exists():
        return []
    section = record.read_text(encoding="utf-8").partition("## Left out of the score")[2].partition("\n## ")[0]
    return [match.group(1) for line in section.splitlines() if (match := EQUIVALENT.match(line))]


def left_out(name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)


def verdicts(folder: Path = MUTANTS) -> dict[str, dict[str, int | None]]:
    """Exit code by mutant name, by module path (automations_lint/rules/x.py)."""
    found = {}
    for meta in sorted(folder.glob("automations_lint/**/*.py.meta")):
        module = meta.relative_to(folder).as_posix().removesuffix(".meta")
        found[module] = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return found


def status(code: int | None) -> str:
    if code is None:
        return "not run"
    return CAUGHT.get(code) or MISSED.get(code) or "suspicious"


def table(by_module: dict[str, dict[str, int | None]], equivalent: list[str]) -> tuple[list[str], float]:
    lines = _header("module")
    total: Counter[str] = Counter()
    for module, codes in by_module.items():
        if not codes:
            continue
        counts = Counter("left out" if left_out(name, equivalent) else status(code) for name, code in codes.items())
        total.update(counts)
        lines.append(_row(module, counts))
    lines.append(_row("**total**", total))
    return lines, _score(total)


def kind_by_mutant(by_module: dict[str, dict[str, int | None]], folder: Path = MUTANTS) -> dict[str, str]:
    """The kind of every mutant (kinds.py): mutmut's token change, or a kind of extra_operators.py; each mutated
    file is read once."""
    found: dict[str, str] = {}
    for module, codes in by_module.items():
        kinds = kinds_in(folder / module) if codes else {}
        found.update((name, kinds.get(name.rpartition(".")[2], KINDS[0])) for name in codes)
    return found


def kind_table(by_module: dict[str, dict[str, int | None]], equivalent: list[str], kinds: dict[str, str]) -> list[str]:
    """The same counts by kind of mutant."""
    by_kind: dict[str, Counter[str]] = {kind: Counter() for kind in KINDS}
    for codes in by_module.values():
        for name, code in codes.items():
            by_kind[kinds[name]]["left out" if left_out(name, equivalent) else status(code)] += 1
    return _header("kind") + [_row(kind, counts) for kind, counts in by_kind.items() if counts]


def _header(first: str) -> list[str]:
    return [
        f"| {first} | mutants | killed | type check | timeout | survived | no tests | left out | score |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]


def _score(counts: Counter[str]) -> float:
    caught = counts["killed"] + counts["type check"] + counts["timeout"]
    counted = sum(counts.values()) - counts["left out"]
    return caught / counted if counted else 1.0


def _row(name: str, counts: Counter[str]) -> str:
    cells = [counts[key] for key in ("killed", "type check", "timeout", "survived", "no tests", "left out")]
    other = sum(counts.values()) - sum(cells)
    note = f" ({other} not run or suspicious)" if other else ""
    return f"| {name} | {sum(counts.values())} | " + " | ".join(map(str, cells)) + f" | {_score(counts):.1%}{note} |"


def main(argv: list[str]) -> int:
    by_module = verdicts()
    if not by_module:
        print(f"no mutation run to read in {MUTANTS}: run tests/mutation/run.sh first", file=sys.stderr)
        return 2
    equivalent = equivalent_mutants()
    lines, score = table(by_module, equivalent)
    print("\n".join(lines))
    print()
    kinds = kind_by_mutant(by_module)
    print("\n".join(kind_table(by_module, equivalent, kinds)))
    if "--survivors" in argv:
        for codes in by_module.values():
            for name, code in codes.items():
                if not left_out(name, equivalent) and status(code) not in CAUGHT.values():
                    print(f"{status(code)}: {name} ({kinds[name]})")
    print(f"\ntotal score {score:.1%}, goal {GOAL:.0%}")
    return 0 if score >= GOAL else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
