"""Bounds benchmark (issue 12): the paths that were quadratic grow in proportion to their input.

Each case builds an input of size n and of size 10n, times the same call on both (the least CPU time of five
runs, in this process, ShellCheck off), and checks that the larger one takes less than 12 times as long: linear or
n log n work passes, quadratic work (about 100 times) fails. On a busy machine a linear case can read 12-14x
(a clean lint of 1,000 and 10,000 tasks alone reads 11-12x there: memory, not the algorithm); CI runs the quick
sizes and only fails far beyond (tests/test_bench.py).

    python bench/bounds.py            # the issue's sizes (a minute or two)
    python bench/bounds.py --quick    # smaller sizes (a few seconds); what CI runs, with --check
    python bench/bounds.py --check    # exit 1 when a case grows 12 times or more

Cases:
- hints: n tasks, each depending on a misspelt key ("did you mean" compared each with every key: 1,000 tasks
  40 s, 2,000 tasks 202 s before);
- fix: n tasks with `triggers:`, all renamed by fix_text (the overlap check and `fix in fixes` scanned lists:
  10,000 renames 55 s before);
- suppressions: n problems, each silenced by its own comment (every problem scanned every entry: 10,000 in 11 s);
- shell: one command of n characters on one line (the shell splitter went character by character: 5 MB, 15 s);
- nesting: n nested `[` (libyaml's time grows with the square of the depth: 40,000 levels, 11 s; the loader now
  stops at 1,000 levels);
- plan: the plan of the last of n tasks in a chain (each depends on the one before);
- graph: the Mermaid drawing of n tasks in one cycle (every edge red);
- cycles: a lint of n tasks in a chain whose last task also depends on every other one (n cycles of up to n tasks:
  the search stops at 100 cycles or its step budget).
The last three were timed tests of 20,000 tasks (CPU limits of 2 s and 5 s that a slow machine could break); the
tests keep what those runs must print (tests/test_hostile_input.py), this keeps their growth in check.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from automations_lint import lint_text
from automations_lint.engine.fixing import fix_text
from automations_lint.plan.order import build_plan
from automations_lint.plan.render import mermaid
from automations_lint.rules import shellcheck
from automations_lint.rules.document import Document
from automations_lint.shell.words import commands
from automations_lint.source.loader import load

LIMIT = 12.0
HEAD = "services:\n  db:\n    name: DB\n    commands:\n      start: postgres\ntasks:\n"


def hints(n: int) -> str:
    tasks = [f"  task{i:06d}:\n    name: T\n    command: make\n    dependsOn: [tsak{i:06d}]\n" for i in range(n)]
    return HEAD + "".join(tasks)


def fixes(n: int) -> str:
    return HEAD + "".join(f"  t{i:06d}:\n    name: T\n    command: make\n    triggers: [manual]\n" for i in range(n))


def suppressions(n: int) -> str:
    comment = "# automations-lint: ignore[unknown-field]"
    return HEAD + "".join(f"  t{i:06d}:\n    name: T\n    command: make\n    extra: 1  {comment}\n" for i in range(n))


def shell(n: int) -> str:
    return HEAD + "  long:\n    name: Long\n    command: echo " + "ab " * (n // 3) + "\n"


def nesting(n: int) -> str:
    return "tasks: " + "[" * n + "]" * n + "\n"


def chain(n: int, *, last_depends_on: str = "") -> str:
    """n tasks, each depending on the one before; the first on `last_depends_on` (a cycle) when given."""
    before = [last_depends_on, *(f"t{i}" for i in range(n - 1))]
    return "tasks:\n" + "".join(f"  t{i}: {{name: T{i}, command: make, dependsOn: [{before[i]}]}}\n" for i in range(n))


def document(text: str) -> Document:
    loaded = load(text)
    return Document.from_data(loaded.data, loaded.source_map, loaded.lines)


def plan_last(document: Document) -> object:
    return build_plan(document, [list(document.tasks)[-1]])


def cycles(n: int) -> str:
    """A chain whose last task depends on every task before it too: a cycle through each of them."""
    return chain(n, last_depends_on=", ".join(f"t{i}" for i in range(1, n)))


CASES: dict[str, tuple[Callable[[int], Any], Callable[[Any], object], int, int]] = {
    # name: (input of size n, the call, n for the full run, n for --quick)
    "hints": (hints, lint_text, 1_000, 300),
    "fix": (fixes, fix_text, 1_000, 300),
    "suppressions": (suppressions, lint_text, 1_000, 300),
    "shell": (shell, lint_text, 500_000, 50_000),
    "nesting": (nesting, lint_text, 4_000, 400),
    "plan": (lambda n: document(chain(n)), plan_last, 4_000, 500),
    "graph": (lambda n: document(chain(n, last_depends_on=f"t{n - 1}")), mermaid, 2_000, 300),
    "cycles": (cycles, lint_text, 2_000, 100),
}


def best_of(call: Callable[[Any], object], text: Any, repetitions: int = 5) -> float:
    """The least CPU time of a few runs (CPU time: other work on the machine disturbs it least), each from a
    collected heap and without what an earlier run left in a cache (the shell splitter's)."""
    times = []
    for _ in range(repetitions):
        commands.cache_clear()
        gc.collect()
        start = time.process_time()
        call(text)
        times.append(time.process_time() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for CI")
    parser.add_argument("--check", action="store_true", help="exit 1 when a case grows 12 times or more")
    parser.add_argument("cases", nargs="*", choices=[[], *CASES], help="the cases to run (default: all)")
    options = parser.parse_args(argv)
    shellcheck.check = lambda document: iter(())  # ShellCheck's own cost is bounded apart (tests/test_shellcheck.py)
    print(f"| case | n | time (n) | 10n | time (10n) | ratio | limit {LIMIT:g} |")
    print("|---|---|---|---|---|---|---|")
    failed = []
    for name in options.cases or CASES:
        make, call, full, quick = CASES[name]
        n = quick if options.quick else full
        call(make(n))  # imports and first-use work, which no size should pay for
        small, large = best_of(call, make(n)), best_of(call, make(10 * n))
        ratio = large / small
        verdict = "ok" if ratio < LIMIT else "TOO SLOW"
        if ratio >= LIMIT:
            failed.append(name)
        times = f"{small * 1000:.1f} ms | {10 * n:,} | {large * 1000:.1f} ms"
        print(f"| {name} | {n:,} | {times} | {ratio:.1f}x | {verdict} |")
    return 1 if options.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
