"""Hypothesis strategies shared by the property tests, and the one place that generates whole documents:

- `documents()`: valid automations documents whose references resolve and hold no cycle (dependsOn names only
  services and earlier tasks), with any names, texts and layout; `nulls=True` also writes optional fields as null
  (Ona reads that as unset), `populated=True` gives both sections at least one entry, `references=False` lets
  dependsOn hold any text;
- `shaped_junk`: data of the file's shape with anything inside: real field names and wrong ones, right values
  and every wrong type, nested anywhere;
- `dump()`: YAML text of a document.
"""

from __future__ import annotations

import functools
import io
from typing import Any

from hypothesis import strategies as st
from ruamel.yaml import YAML

from automations_lint.schema.spec import (
    COMMAND_FIELDS,
    DOCKER_FIELDS,
    ROLES,
    RUNS_ON_FIELDS,
    SERVICE_FIELDS,
    SERVICE_TRIGGERS,
    TASK_FIELDS,
    TASK_TRIGGERS,
    TOP_LEVEL_FIELDS,
)

keys = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ0123456789_-", min_size=1, max_size=20)
# Any printable text, including characters YAML must quote ("yes", ": ", "#", leading spaces, unicode).
texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
non_empty = texts.filter(lambda text: text.strip() != "")
durations = st.builds(lambda n, frac: f"{n}{frac}s", st.integers(0, 86399), st.sampled_from(["", ".5", ".25"]))


# -- valid documents ----------------------------------------------------------------------------------------------


def _record(
    required: dict[str, st.SearchStrategy[Any]], optional: dict[str, st.SearchStrategy[Any]], *, nulls: bool
) -> st.SearchStrategy[dict[str, Any]]:
    if nulls:
        optional = {name: st.none() | value for name, value in optional.items()}
    return st.fixed_dictionaries(required, optional=optional)


@functools.cache  # built once: a strategy made anew at each draw is slow to draw from
def _runs_on(*, nulls: bool) -> st.SearchStrategy[dict[str, Any]]:
    docker = _record({"image": non_empty}, {"environment": st.lists(texts, max_size=3)}, nulls=nulls)
    # A oneof: docker or machine, never both (with nulls, either may be left out or null: "not set").
    if nulls:
        return _record({}, {"docker": docker}, nulls=True) | _record({}, {"machine": st.just({})}, nulls=True)
    return st.fixed_dictionaries({"docker": docker}) | st.just({"machine": {}})


@functools.cache
def _service(*, nulls: bool) -> st.SearchStrategy[dict[str, Any]]:
    commands = _record({"start": non_empty}, {"ready": texts, "stop": texts}, nulls=nulls)
    optional = {
        "description": texts,
        "role": st.sampled_from(ROLES),
        "commands": commands,
        "runsOn": _runs_on(nulls=nulls),
        "triggeredBy": st.lists(st.sampled_from(SERVICE_TRIGGERS), unique=True),
        "readinessTimeout": durations,
    }
    return _record({"name": non_empty}, optional, nulls=nulls)


@functools.cache
def _task(*, nulls: bool) -> st.SearchStrategy[dict[str, Any]]:
    optional = {
        "description": texts,
        "runsOn": _runs_on(nulls=nulls),
        "triggeredBy": st.lists(st.sampled_from(TASK_TRIGGERS), unique=True),
        "prebuildRequiresSuccess": st.booleans(),
    }
    return _record({"name": non_empty, "command": non_empty}, optional, nulls=nulls)


def documents(*, nulls: bool = False, populated: bool = False, references: bool = True) -> st.SearchStrategy[Any]:
    """Valid documents. With `references` (the default) dependsOn names only services and earlier tasks, so that
    they also lint clean; without, it holds any text (the schema cannot see references) and drawing is faster."""
    if references:
        return _documents_with_references(nulls=nulls, populated=populated)
    least = 1 if populated else 0
    depends = {"dependsOn": st.lists(texts, max_size=3)}
    task = st.tuples(_task(nulls=nulls), _record({}, depends, nulls=nulls)).map(lambda parts: {**parts[0], **parts[1]})
    sections = {
        "services": st.dictionaries(keys, _service(nulls=nulls), min_size=least, max_size=3),
        "tasks": st.dictionaries(keys, task, min_size=least, max_size=3),
    }
    return st.fixed_dictionaries(sections) if populated else _record({}, sections, nulls=nulls)


@st.composite
def _documents_with_references(draw: st.DrawFn, *, nulls: bool, populated: bool) -> dict[str, Any]:
    least = 1 if populated else 0
    services = draw(st.dictionaries(keys, _service(nulls=nulls), min_size=least, max_size=4))
    task_keys = draw(st.lists(keys.filter(lambda key: key not in services), unique=True, min_size=least, max_size=6))
    tasks: dict[str, Any] = {}
    for position, key in enumerate(task_keys):
        targets = [*services, *task_keys[:position]]
        depends = draw(st.lists(st.sampled_from(targets), unique=True, max_size=3)) if targets else []
        task = draw(_task(nulls=nulls))
        if depends:
            task["dependsOn"] = depends
        tasks[key] = task
    document: dict[str, Any] = {}
    if services or draw(st.booleans()):
        document["services"] = services
    if tasks or draw(st.booleans()):
        document["tasks"] = tasks
    return document


def dump(document: dict[str, Any], *, flow: bool) -> str:
    # libyaml's emitter: ruamel's pure one writes `name: :0` in flow style, which YAML readers reject.
    yaml = YAML(typ="safe")
    yaml.default_flow_style = flow
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    return buffer.getvalue()


# -- data of the right shape with anything inside -------------------------------------------------------------------

# Every field name, and names people write by mistake.
FIELDS = sorted(
    {*TOP_LEVEL_FIELDS, *SERVICE_FIELDS, *TASK_FIELDS, *COMMAND_FIELDS, *RUNS_ON_FIELDS, *DOCKER_FIELDS}
    | {"triggers", "init", "dependencies", "ports", "version", "x"}
)
# Values that are right for some field and wrong for others, or nearly right.
WORDS = [*TASK_TRIGGERS, *ROLES, "yes", "off", "~", "600s", "1.5s", "10m", "0s\n", "a", "b", "c", "a b", "ok-key"]
WORDS += ["x" * 129, "", "é", "npm run dev", "docker compose up -d"]
# Integers within 64 bits: yaml.v3, and so Ona, refuses an explicit `!!int` beyond them (it reads a float there),
# and the canonical style writes every integer with its tag.
int64 = st.integers(-(2**63), 2**64 - 1)
scalars = st.one_of(st.none(), st.booleans(), int64, st.floats(), st.sampled_from(WORDS), st.text(max_size=40))
junk_keys = st.one_of(
    st.sampled_from(FIELDS), st.sampled_from(["a", "b", "c"]), st.text(max_size=8), st.integers(-3, 3)
)


def _shaped(keys: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    def containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4))

    values = st.recursive(scalars, containers, max_leaves=20)
    automation = st.dictionaries(st.sampled_from(FIELDS), values, max_size=6)
    # Tasks that depend on each other: cycles, self-dependencies, unknown names.
    graph_task = st.fixed_dictionaries(
        {"name": st.sampled_from(["A", "B", ""]), "dependsOn": st.lists(st.sampled_from("abcd"), max_size=3)},
        optional={"command": st.sampled_from(["make", "npm start", "tail -f log", ""])},
    )
    section = st.dictionaries(keys, st.one_of(automation, graph_task, values), max_size=5)
    return st.one_of(
        values,
        st.fixed_dictionaries({}, optional={"services": section, "tasks": section, "version": scalars}),
        st.dictionaries(st.sampled_from(["services", "tasks", "version"]), section, max_size=3),
    )


# As YAML can write it (keys of any type too).
shaped_junk = _shaped(junk_keys)
# As the loader hands data to the schema validators: it reads every key that is not a string as an invalid-key
# problem (or, at the top level, as a string), so they never see one.
shaped_junk_with_string_keys = _shaped(
    st.one_of(st.sampled_from(FIELDS), st.sampled_from(["a", "b"]), st.text(max_size=8))
)
