"""The fresh sample: hand-made mutants of kinds mutmut does not make, run against the same tests as mutmut.

mutmut changes one token at a time (an operator, a constant, a keyword, an argument to None). The mutants below
are other kinds of mistakes: a statement deleted, two arguments swapped, a wrapper call dropped (sorted, set), a
slice or a loop bound moved, the wrong variable used. They were written before the survivors of the mutmut run
were looked at, at lines drawn at random from the mutated modules (see tests/MUTATION.md), and no test was
written against them: they check that the score is not an artefact of tuning the tests to mutmut's operators.
Since seed 18, run.sh also makes some of these kinds itself (extra_operators.py: statements deleted, conditions
and wrapper calls dropped), so a sample's mutant can coincide with one of the complete run; tests/MUTATION.md
says which do.

Each mutant is applied to a copy of the repository (never to the checkout) and the tests of [tool.mutmut] run
there with `-x`. Run from the repository's root (about 15 to 25 minutes on 2 CPUs):

    python tests/mutation/fresh.py                # every mutant of the newest sample
    python tests/mutation/fresh.py --seed 16 2 7  # only these mutants of that sample (numbers from 1)
    python tests/mutation/fresh.py --draw 19      # the lines a new sample's seed draws, in the order drawn
"""

from __future__ import annotations

import argparse
import ast
import glob
import os
import random
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


# The sample drawn with seed 17 (`--draw 17`): the first 21 lines drawn, one skipped (identity.py:43 holds only a
# closing parenthesis). Written and committed before any of them ran; no test was written for them first.
SEED_17: list[Mutant] = [
    Mutant(  # rules/document.py:59
        "automations_lint/rules/document.py",
        '                yield (*self.path, "command"), command\n            return\n',
        '                yield (*self.path, "command"), command\n',
        "statement deleted",
    ),
    Mutant(  # source/builder.py:149
        "automations_lint/source/builder.py",
        "bare = event.tag is None and event.anchor is None",
        "bare = event.tag is None",
        "condition dropped",
    ),
    Mutant(  # fix/write.py:94
        "automations_lint/fix/write.py",
        "        handle.seek(0)\n        handle.write(content)\n",
        "        handle.seek(0)\n        handle.write(original)\n",
        "wrong variable",
    ),
    Mutant(  # plan/render.py:145
        "automations_lint/plan/render.py",
        "            members.update(dict.fromkeys(component, number))\n    return members\n",
        "            members.update(dict.fromkeys(component, number))\n    return dict.fromkeys(members, 0)\n",
        "call added",
    ),
    Mutant(  # fix/write.py:62
        "automations_lint/fix/write.py",
        "    try:\n"
        '        descriptor, temporary = tempfile.mkstemp(prefix=".automations-lint-", dir=os.path.dirname(target))\n'
        "    except OSError:\n        return False\n",
        '    descriptor, temporary = tempfile.mkstemp(prefix=".automations-lint-", dir=os.path.dirname(target))\n',
        "try statement deleted",
    ),
    Mutant(  # fix/makers.py:55
        "automations_lint/fix/makers.py",
        "if parent[0] not in places or not isinstance(siblings, dict) or source.duplicated(path):",
        "if parent[0] not in places or not isinstance(siblings, dict):",
        "condition dropped",
    ),
    Mutant(  # rules/wrong_type.py:100
        "automations_lint/rules/wrong_type.py",
        'container = "{docker: {image: ...}}" if _GITHUB_RUNNER.match(value) else f"{{docker: {{image: {value}}}}}"',
        'container = f"{{docker: {{image: {value}}}}}" if _GITHUB_RUNNER.match(value) else "{docker: {image: ...}}"',
        "branches swapped",
    ),
    Mutant(  # rules/unknown_field.py:113
        "automations_lint/rules/unknown_field.py",
        'if kind == "tasks" and len(place) == 2 and name == "commands":',
        'if kind == "tasks" and name == "commands":',
        "condition dropped",
    ),
    Mutant(  # rules/unknown_field.py:111
        "automations_lint/rules/unknown_field.py",
        '        if name == "command":\n'
        "            return 'a service has no \"command\": write it under \"commands:\" as \"start:\"'\n",
        "",
        "statement deleted",
    ),
    Mutant(  # rules/document.py:134
        "automations_lint/rules/document.py",
        "    if not isinstance(value, dict):\n        return {}\n",
        "",
        "statement deleted",
    ),
    Mutant(  # rules/shellcheck.py:222
        "automations_lint/rules/shellcheck.py",
        "    found.update(zip(missing, results, strict=True))\n",
        "",
        "statement deleted",
    ),
    Mutant(  # fix/source.py:58
        "automations_lint/fix/source.py",
        "in_mapping = isinstance(current, dict) and isinstance(part, str) and part in current",
        "in_mapping = isinstance(current, dict) and isinstance(part, str)",
        "condition dropped",
    ),
    Mutant(  # core/graph.py:88
        "automations_lint/core/graph.py",
        "    pending = list(components)\n    while pending:\n",
        "    pending = list(components)\n    if pending:\n",
        "loop made one pass",
    ),
    Mutant(  # source/loader.py:65
        "automations_lint/source/loader.py",
        "            finding = Finding((), error.message, span=error.span)\n"
        '            builder.problems.append(RuleFinding("extra-document", later_document_finding(finding)))\n',
        "            finding = Finding((), error.message, span=error.span)\n"
        '            builder.problems.append(RuleFinding("extra-document", finding))\n',
        "call dropped",
    ),
    Mutant(  # cli/commands.py:186
        "automations_lint/cli/commands.py",
        "        click.echo(markdown_table(), nl=False)\n        return\n",
        "        click.echo(markdown_table(), nl=False)\n",
        "statement deleted",
    ),
    Mutant(  # fix/move.py:98
        "automations_lint/fix/move.py",
        '[Edit(entry.start, entry.end, "") for entry in entries]',
        '[Edit(entry.start, entry.end, "") for entry in entries[:1]]',
        "slice",
    ),
    Mutant(  # plan/render.py:212
        "automations_lint/plan/render.py",
        'yield from ("color=red3", "penwidth=2")',
        'yield from ("color=red3",)',
        "entry deleted",
    ),
    Mutant(  # source/builder.py:166
        "automations_lint/source/builder.py",
        "fits, value = resolve_tagged(text, tag)",
        "value, fits = resolve_tagged(text, tag)",
        "variables swapped",
    ),
    Mutant(  # rules/unpinned_image.py:60
        "automations_lint/rules/unpinned_image.py",
        'return ":" in name and name.rsplit(":", 1)[1] != "latest"',
        'return ":" in name',
        "condition dropped",
    ),
    Mutant(  # reporters/junit.py:27
        "automations_lint/reporters/junit.py",
        "for path in sorted(by_path)]",
        "for path in by_path]",
        "call dropped",
    ),
]

# The sample drawn with seed 18 (`--draw 18`): the first 23 lines drawn, three skipped (text.py:26, move.py:115 and
# task_never_ends.py:50 hold only a closing bracket). Written and committed before any of them ran, and before the
# complete run with the kinds of extra_operators.py had named any survivor; no test was written for them first.
# move.py:150 is where seed 16's third fix/move.py mutant dropped `.strip()`: this one changes another part.
SEED_18: list[Mutant] = [
    Mutant(  # fix/makers.py:78
        "automations_lint/fix/makers.py",
        '.startswith("quote it"):\n        return None\n',
        '.startswith("quote it"):\n        pass\n',
        "statement deleted",
    ),
    Mutant("automations_lint/core/graph.py", "parent[target] = node", "parent[target] = start", "wrong variable"),
    Mutant(  # rules/shellcheck.py:198
        "automations_lint/rules/shellcheck.py",
        'f"shellcheck could not check the commands: {error}", hint=hint)',
        'f"shellcheck could not check the commands: {error}")',
        "argument dropped",
    ),
    Mutant(  # reporters/sarif.py:79
        "automations_lint/reporters/sarif.py",
        '"endLine": diagnostic.end_line,',
        '"endLine": diagnostic.line,',
        "wrong variable",
    ),
    Mutant("automations_lint/plan/order.py", "    while ready:\n", "    if ready:\n", "loop made one pass"),
    Mutant(  # fix/move.py:67
        "automations_lint/fix/move.py",
        'expected["commands"] = {**(commands or {}), **{name: fields[name] for name in moving}}',
        'expected["commands"] = {name: fields[name] for name in moving}',
        "part dropped",
    ),
    Mutant(  # fix/makers.py:135
        "automations_lint/fix/makers.py",
        "        return None  # the repeated entry defines an anchor",
        "        pass  # the repeated entry defines an anchor",
        "statement deleted",
    ),
    Mutant("automations_lint/reporters/text.py", "    end = max(end, start + 1)\n", "", "statement deleted"),
    Mutant(  # rules/service_exits_immediately.py:74
        "automations_lint/rules/service_exits_immediately.py",
        "for step in reversed(steps) if (reason := sets_up(step))",
        "for step in steps if (reason := sets_up(step))",
        "call dropped",
    ),
    Mutant("automations_lint/reporters/text.py", '"^" * max(1, len(marked))', '"^" * len(marked)', "call dropped"),
    Mutant(  # fix/makers.py:81
        "automations_lint/fix/makers.py",
        """text[0] in "!&*'\\"" or '"' in text or "\\\\" in text:""",
        """text[0] in "!&*'\\"" or "\\\\" in text:""",
        "condition dropped",
    ),
    Mutant("automations_lint/fix/write.py", 'if hasattr(os, "chown"):', 'if not hasattr(os, "chown"):', "negated"),
    Mutant(  # reporters/sarif.py:106
        "automations_lint/reporters/sarif.py",
        '"charLength": edit.end - edit.start}',
        '"charLength": len(edit.text)}',
        "wrong value",
    ),
    Mutant(  # source/builder.py:333
        "automations_lint/source/builder.py",
        '                "invalid-key",\n                Finding(\n                    (),\n'
        '                    f"key {quoted',
        '                "syntax-error",\n                Finding(\n                    (),\n'
        '                    f"key {quoted',
        "wrong code",
    ),
    Mutant(  # fix/move.py:150
        "automations_lint/fix/move.py",
        "source.offset(node.value.end_line, node.value.end_column) : end].strip()",
        "source.offset(node.value.end_line, node.value.column) : end].strip()",
        "wrong variable",
    ),
    Mutant(  # fix/makers.py:131
        "automations_lint/fix/makers.py",
        "    if node is None or items is None:\n        return None\n",
        "    if node is None or items is None:\n        pass\n",
        "statement deleted",
    ),
    Mutant(  # source/builder.py:364
        "automations_lint/source/builder.py",
        "frame.merges.extend((source, node) for source in mappings)",
        "frame.merges.extend((source, node) for source in mappings[:1])",
        "slice",
    ),
    Mutant("automations_lint/core/graph.py", "queue = deque([start])", "queue = deque(graph[start])", "wrong value"),
    Mutant(  # plan/order.py:113
        "automations_lint/plan/order.py",
        "        if step in dependencies:\n            continue\n",
        "        if step in dependencies:\n            pass\n",
        "statement deleted",
    ),
    Mutant(  # rules/document.py:56
        "automations_lint/rules/document.py",
        'command = self.text("command")',
        'command = self.text("name")',
        "wrong field",
    ),
]


# Each sample by the seed its lines were drawn with.
SAMPLES = {16: SEED_16, 17: SEED_17, 18: SEED_18}


def pytest_arguments(root: Path = ROOT) -> list[str]:
    """The same tests and options as mutmut's run, from pyproject.toml."""
    with (root / "pyproject.toml").open("rb") as file:
        settings = tomllib.load(file)["tool"]["mutmut"]
    return [*settings["pytest_add_cli_args"], *settings["pytest_add_cli_args_test_selection"]]


def candidate_lines(root: Path = ROOT) -> list[tuple[str, int]]:
    """Every line a sample draws from: in the modules of [tool.mutmut] only_mutate, the lines of the statements
    inside a function's body (its docstring, blank lines and comment lines left out), as (path, line number)."""
    with (root / "pyproject.toml").open("rb") as file:
        patterns = tomllib.load(file)["tool"]["mutmut"]["only_mutate"]
    paths = sorted({path for pattern in patterns for path in glob.glob(pattern, root_dir=root) if path.endswith(".py")})
    found: list[tuple[str, int]] = []
    for path in paths:
        text = (root / path).read_text(encoding="utf-8")
        lines = text.splitlines()
        numbers: set[int] = set()
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            body = node.body[1:] if ast.get_docstring(node, clean=False) is not None else node.body
            for statement in body:
                numbers.update(range(statement.lineno, (statement.end_lineno or statement.lineno) + 1))
        found += [(path, n) for n in sorted(numbers) if lines[n - 1].strip() and lines[n - 1].strip()[0] != "#"]
    return found


def draw(seed: int, count: int = 40) -> None:
    """Print the first `count` lines that `seed` draws: a sample takes them in this order, skipping a line that
    allows no change of behaviour (tests/MUTATION.md says which were skipped)."""
    candidates = candidate_lines()
    print(f"seed {seed}: {len(candidates)} candidate lines")
    for index, (path, number) in enumerate(random.Random(seed).sample(candidates, count), 1):
        line = (ROOT / path).read_text(encoding="utf-8").splitlines()[number - 1]
        print(f"{index:3}. {path}:{number}: {line.strip()}")


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
    parser.add_argument("--draw", type=int, metavar="SEED", help="print the lines SEED draws for a new sample")
    options = parser.parse_args(argv)
    if options.draw is not None:
        draw(options.draw)
        return 0
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
