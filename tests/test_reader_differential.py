"""Differential: generated files and mutated real files through both Ona's reader (the replica named by
ONA_READER; `.ci/run` builds it and sets the variable) and the linter, which must agree as tests/reader.py says:
an error if and only if Ona rejects the file, except the deliberate differences in automations_lint/schema/spec.py.

Generated files are written as YAML text, not dumped from data, so that they use what the reader resolves on its
own: plain scalars such as `1_000`, `yes` or `2024-01-01`, keys that are not strings, tags, protobuf field names,
nulls, durations at the edges of protojson's grammar and of the 0s..86400s rule, later documents. Mutated files
take a real file of tests/corpus and change one line.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from helpers import corpus_files
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from reader import WHY_SKIPPED, disagreement, read, replica

BINARY = replica()
pytestmark = pytest.mark.skipif(BINARY is None, reason=WHY_SKIPPED)

SCALARS = [
    "npm run build", "x", "''", '""', "' '", "~", "null", "Null", "yes", "no", "on", "true", "True", "false",
    "1", "0", "-0", "+1", "1_000", "0b101", "0o17", "017", "08", "0x1F", "1e3", "1.5", ".5", "5.", ".inf", ".nan",
    "1e400", "2024-01-01", "2024-01-01T10:00:00Z", "1:20", "!foo x", "!foo 5", "!!str 5", "!!int 5", "!!int x",
    "!!bool yes", "!!binary YnVpbGQ=", "! 5", "'true'", "|\n      echo hi", ">-\n      echo hi", "[]", "{}",
    "[manual]", "[x, ~]", "{a: b}", "{1: b}", "[{a: b}]",
]
DURATIONS = [
    "600s", "0s", "-0s", "+30s", ".5s", "5.s", ".s", "+s", "0600s", "00s", "5m", "600", "'600'", "1.000000001s",
    "1.0000000001s", "86400s", "86400.000000001s", "86401s", "-1s", "1e3s", "1_000s", "315576000001s",
]
TRIGGERS = [
    "[manual]", "[prebuild]", "[prebuild, postEnvironmentStart]", "[beforeSnapshot]", "[containerStart]", "manual",
    "[postDevcontainerStart, ~]",
]
KEYS = [
    "build", "a-b_C9", "'123'", "123", "true", "yes", "~", "2024-01-01", "1.5", "a.b", "café", "a" * 129, "!!str 7",
    "!foo k", "''",
]
TASK_FIELDS = {
    "name": SCALARS,
    "command": SCALARS,
    "description": SCALARS,
    "dependsOn": ["[test]", "[build]", "[nope]", "build", "[1]", "[~]", "[]"],
    "depends_on": ["[build]", "[]"],
    "triggeredBy": TRIGGERS,
    "triggered_by": TRIGGERS,
    "runsOn": [
        "{machine: {}}", "{docker: {image: node}}", "{docker: {image: node}, machine: {}}", "{docker: ~, machine: {}}",
        "{docker: {}}", "{machine: {cpu: 1}}", "{}", "~", "{docker: {image: n, environment: [A=1, 1]}}",
    ],
    "runs_on": ["{machine: {}}"],
    "prebuildRequiresSuccess": ["false", "true", "yes", "'true'", "1", "~", "!!bool true", "!foo true"],
    "prebuild_requires_success": ["false"],
    "triggers": ["[manual]"],
    "1": ["x"],
    "extra": ["{1: x}"],
}
SERVICE_FIELDS = {
    "name": SCALARS,
    "description": SCALARS,
    "commands": [
        "{start: run}", "{start: sleep infinity, ready: 'true'}", "{start: ''}", "{}", "~", "{ready: x}",
        "{start: run, stop: ~, ready: ''}", "{start: run, 7: x}", "run",
    ],
    "role": ["''", "default", "editor", "ai-agent", "admin", "~", "1"],
    "runsOn": TASK_FIELDS["runsOn"],
    "triggeredBy": TRIGGERS,
    "triggered_by": TRIGGERS,
    "readinessTimeout": DURATIONS,
    "readiness_timeout": DURATIONS,
    "start": ["run"],
}
LATER = ["", "---\ntasks: {x: {name: x, command: x}}\n", "---\ntasks: [\n", "---\n\tfoo: bar\n", "...\n}{\n",
         "---\n\"open\n", "---\nfoo: *nope\n"]  # fmt: skip


# The first value of each list is a right one; most fields get it, so that about half the files are valid and
# each mistake is seen on its own as well as among others.
def value(draw: st.DrawFn, values: list[str]) -> str:
    return values[0] if draw(st.integers(0, 6)) else draw(st.sampled_from(values))


@st.composite
def automation(draw: st.DrawFn, fields: dict[str, list[str]], required: tuple[str, ...]) -> str:
    # Now and then a required field is missing.
    names = [name for name in required if draw(st.integers(0, 9))]
    names += draw(st.lists(st.sampled_from(sorted(set(fields) - set(required))), max_size=3, unique=True))
    lines = [f"    {name}: {value(draw, fields[name])}" for name in names]
    return "\n".join(lines) + "\n" if lines else ""


@st.composite
def section(draw: st.DrawFn, title: str) -> str:
    services = title == "services"
    fields, required = (SERVICE_FIELDS, ("name", "commands")) if services else (TASK_FIELDS, ("name", "command"))
    keys = ["build", "test", "lint"][: draw(st.integers(1, 3))]
    if not draw(st.integers(0, 3)):
        keys[-1] = draw(st.sampled_from(KEYS))
    body = ""
    for key in keys:
        content = draw(automation(fields, required))
        body += f"  {key}:\n{content}" if content else f"  {key}:\n"
    return f"{title}:\n{body}"


@st.composite
def generated(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(["services", "tasks"]), min_size=1, max_size=2, unique=True))
    text = "".join(draw(section(title)) for title in parts)
    return text + value(draw, LATER)


CORPUS_FILES = corpus_files()
REPLACEMENTS = [*SCALARS, *DURATIONS, *TRIGGERS, "triggered_by", "depends_on", "runs_on"]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    path = draw(st.sampled_from(CORPUS_FILES))
    lines = path.read_bytes().decode("utf-8").splitlines(keepends=True)
    if not lines:
        return draw(st.sampled_from(LATER))
    index = draw(st.integers(0, len(lines) - 1))
    line = lines[index]
    kind = draw(st.sampled_from(["value", "key", "delete", "later"]))
    event(f"mutation: {kind}")
    if kind == "value" and ": " in line:
        head = line.split(": ", 1)[0]
        lines[index] = f"{head}: {draw(st.sampled_from(REPLACEMENTS))}\n"
    elif kind == "key" and ":" in line:
        indent = line[: len(line) - len(line.lstrip())]
        key, rest = line.lstrip().split(":", 1)
        replacement = draw(st.sampled_from([*KEYS, *sorted(TASK_FIELDS), *sorted(SERVICE_FIELDS)]))
        lines[index] = f"{indent}{'- ' if key.startswith('- ') else ''}{replacement}:{rest}"
    elif kind == "delete":
        del lines[index]
    else:
        lines.append(draw(st.sampled_from(LATER[1:])))
    return "".join(lines)


def check(text: str) -> None:
    assert BINARY is not None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "automations.yaml"
        path.write_bytes(text.encode("utf-8"))
        verdict = read(BINARY, [path])["automations.yaml"]
    event(f"reader: {verdict.word}")
    problem = disagreement(text, verdict)
    assert problem is None, f"{problem}\n--- file ---\n{text}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated())
def test_generated_files(text: str) -> None:
    check(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_corpus_files(text: str) -> None:
    check(text)
