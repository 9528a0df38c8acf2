"""Differential: the exported JSON Schema and the pydantic model give the same verdict (valid or not) on every
document, so an editor and `automations-lint check` never disagree about the file's shape.

What neither side checks. The model, like the schema, only checks the shape of the file. Whether each `dependsOn`
entry names a service or task of the same file, self-dependencies and dependency cycles are checked by the
linter's rules after the model (unknown-reference, self-dependency, dependency-cycle), and JSON Schema cannot
express them: they relate values to keys elsewhere in the document. Duplicate keys are gone once YAML is loaded.
So the generator draws `dependsOn` entries from arbitrary strings and never relies on those rules for a verdict.
Keys are strings throughout: a YAML key such as `1:` is a string to an editor (JSON has no other keys) but an int
to a YAML loader, which the strict model rejects and `propertyNames` never sees; the corpus has no such key.

How the schema is run. JSON Schema patterns are ECMA-262 regexes, as yaml-language-server (JavaScript) runs them,
and pydantic's Rust regexes agree with ECMA-262 on what matters here: `$` matches only at the very end. Python's
`re`, which jsonschema uses, also lets `$` match before a final newline, so plain jsonschema would accept the key
"build\\n" and the duration "600s\\n" that Ona, editors and the model reject. The validator below therefore runs
`pattern` with ECMA semantics (`test_python_regex_alone_would_disagree` shows the difference).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest
from helpers import corpus_files
from hypothesis import event, given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator, ValidationError, validators
from pydantic import ValidationError as ModelError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from strategies import documents, keys, non_empty

from automations_lint.schema.export import json_schema
from automations_lint.schema.model import AutomationsFile
from automations_lint.schema.spec import (
    COMMAND_FIELDS,
    DOCKER_FIELDS,
    DURATION_PATTERN,
    ROLES,
    RUNS_ON_FIELDS,
    SERVICE_FIELDS,
    TASK_FIELDS,
    TASK_TRIGGERS,
    TOP_LEVEL_FIELDS,
)


@cache
def ecma_regex(pattern: str) -> re.Pattern[str]:
    """`pattern` compiled so that Python matches what ECMA-262 (without flags) matches: `$` is the end of input.
    ASCII mode, because ECMA's \\d and \\w are ASCII only."""
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index : index + 2])
            index += 2
            continue
        if char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            char = r"\Z"
        out.append(char)
        index += 1
    return re.compile("".join(out), re.ASCII)


def ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


EcmaDraft7Validator = validators.extend(Draft7Validator, {"pattern": ecma_pattern})
SCHEMA = EcmaDraft7Validator(json_schema())


def schema_accepts(document: object) -> bool:
    return bool(SCHEMA.is_valid(document))


def model_accepts(document: object) -> bool:
    try:
        AutomationsFile.model_validate(document)
    except ModelError:
        return False
    return True


def assert_agree(document: object) -> None:
    schema, model = schema_accepts(document), model_accepts(document)
    assert schema == model, f"schema says {'valid' if schema else 'invalid'}, model the opposite: {document!r}"


# Valid-shaped documents ----------------------------------------------------------------------------------------

# For the mutations: any text (control characters too, which the model and the schema must agree on), and every
# duration the pattern allows. The valid documents are the shared ones (strategies.py), with null optional fields.
any_text = st.text(max_size=12)
any_duration = st.from_regex(DURATION_PATTERN, fullmatch=True)


@settings(max_examples=150, deadline=None)
@given(documents(nulls=True, references=False))
def test_schema_and_model_accept_every_valid_shaped_document(document: dict[str, Any]) -> None:
    assert schema_accepts(document)
    assert model_accepts(document)


# Mutated documents ----------------------------------------------------------------------------------------------

FIELDS = sorted({*TOP_LEVEL_FIELDS, *SERVICE_FIELDS, *TASK_FIELDS, *COMMAND_FIELDS, *RUNS_ON_FIELDS, *DOCKER_FIELDS})
# The mistakes of real files (docs/format.md) and the edges of each rule.
NEAR_MISSES = ["triggers", "triggerBy", "dependencies", "init", "before", "ports", "version", "automations", "steps"]
BAD_KEYS = ["", "my task", "a" * 129, "build\n", "tâche", "a.b", "${{ key }}", "\u0661\u0662"]
TRIGGERS = ["beforeSnapshot", "containerStart", "...", "Manual", "", "postStart", *TASK_TRIGGERS]
# "\u0661s": an Arabic-Indic digit one, which \d would take and [0-9] does not.
BAD_DURATIONS = ["600s\n", "10m", "600", "1.0000000001s", "-1s", ".5s", "\u0661s", "1e3s", " 600s", "", "0"]
TRICKY_STRINGS = ["", " ", "yes", "none", "Editor", *TRIGGERS, *BAD_DURATIONS]

scalars = st.sampled_from(TRICKY_STRINGS) | st.none() | st.booleans() | st.integers() | st.floats() | any_text
junk = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(FIELDS) | any_text, inner, max_size=3),
    max_leaves=6,
)
# What a user might write under an unknown or misplaced field name.
plausible = st.sampled_from(TRICKY_STRINGS) | non_empty | st.lists(st.sampled_from(TRIGGERS), max_size=2) | junk
triggers = st.lists(st.sampled_from(TRIGGERS), min_size=1, max_size=2)
# Per field, values that are right, nearly right or wrong for it: one change makes one mistake, which both the
# schema and the model must see (random junk alone tends to be rejected by both for an unrelated reason).
FIELD_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "name": st.sampled_from(["", " ", "0"]) | non_empty,
    "image": st.sampled_from(["", "node:22"]),
    "start": st.sampled_from(["", "npm start"]),
    "readinessTimeout": st.sampled_from(BAD_DURATIONS) | any_duration,
    "role": st.sampled_from(["Editor", "none", "agent", *ROLES]),
    "triggeredBy": triggers | st.sampled_from(TRIGGERS),
    "dependsOn": st.lists(any_text, max_size=2) | any_text,
    "environment": st.lists(any_text, max_size=2) | any_text,
    "machine": st.sampled_from([{}, [], "", {"cpu": 2}]),
    "docker": st.sampled_from([{}, {"image": "node"}, "node", {"image": "node", "ports": [3000]}]),
    "commands": st.sampled_from([{}, {"start": "run"}, "run", {"start": "run", "command": "x"}]),
    "runsOn": st.sampled_from([{}, {"machine": {}}, "docker", {"vm": {}}]),
    "prebuildRequiresSuccess": st.sampled_from(["true", "yes", 1, 0, True, False]),
}
OWNERS = {"service": SERVICE_FIELDS, "task": TASK_FIELDS, "commands": COMMAND_FIELDS, "runsOn": RUNS_ON_FIELDS,
          "docker": DOCKER_FIELDS}  # fmt: skip
REQUIRED = ("name", "start", "image")
MUTATIONS = ["wrong-type", "unknown-field", "null", "missing", "delete", "bad-key", "document"]

# Both sections present and non-empty, so that every kind of mistake has something to hit.
populated = documents(nulls=True, populated=True, references=False)


def owner(data: st.DataObject, document: dict[str, Any], kind: str) -> dict[str, Any]:
    """A mapping of this kind in `document`, made (valid) where the document has none."""
    if kind in ("service", "task"):
        return data.draw(st.sampled_from(list(document[f"{kind}s"].values())))
    if kind == "commands":
        parent = owner(data, document, "service")
        if not isinstance(parent.get("commands"), dict):
            parent["commands"] = {"start": "run"}
        return parent["commands"]  # type: ignore[no-any-return]
    parent = owner(data, document, data.draw(st.sampled_from(["service", "task"])))
    if not isinstance(parent.get("runsOn"), dict):
        parent["runsOn"] = {}
    if kind == "runsOn":
        return parent["runsOn"]  # type: ignore[no-any-return]
    if not isinstance(parent["runsOn"].get("docker"), dict):
        parent["runsOn"]["docker"] = {"image": "node"}
    return parent["runsOn"]["docker"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(("kind", "field"), [(kind, field) for kind, fields in OWNERS.items() for field in fields])
@settings(max_examples=25, deadline=None)
@given(document=populated, data=st.data())
def test_schema_and_model_agree_on_each_field(
    kind: str, field: str, document: dict[str, Any], data: st.DataObject
) -> None:
    """One field of one service, task, commands, runsOn or docker set to a value that is right or nearly right."""
    document = copy.deepcopy(document)  # st.just({}) hands out one shared `machine: {}`: never change it in place
    target = owner(data, document, kind)
    target[field] = data.draw(FIELD_VALUES.get(field, plausible) | st.none() | junk)
    assert_agree(document)


def slots(node: Any) -> Iterator[tuple[dict[str, Any] | list[Any], Any]]:
    """(container, key or index) of every value in a document."""
    if isinstance(node, (dict, list)):
        for key, value in node.items() if isinstance(node, dict) else enumerate(node):
            yield node, key
            yield from slots(value)


def mutate(data: st.DataObject, document: dict[str, Any], kind: str) -> object:
    """One mistake of this kind in `document` (changed in place)."""
    every = list(slots(document))
    if kind == "document":
        return data.draw(junk)
    if kind == "unknown-field":
        mappings = [container[key] for container, key in every if isinstance(container[key], dict)]
        target = data.draw(st.sampled_from([document, *mappings]))
        target[data.draw(st.sampled_from(FIELDS + NEAR_MISSES) | any_text)] = data.draw(plausible)
    elif kind == "bad-key":
        key_map = document[data.draw(st.sampled_from(["services", "tasks"]))]
        key_map[data.draw(st.sampled_from(BAD_KEYS) | keys)] = key_map.pop(data.draw(st.sampled_from(sorted(key_map))))
    elif kind in ("missing", "delete"):
        pairs = [(c, k) for c, k in every if isinstance(c, dict) and (kind == "delete" or k in REQUIRED)]
        container, key = data.draw(st.sampled_from(pairs))
        del container[key]
    else:
        container, key = data.draw(st.sampled_from(every))
        container[key] = None if kind == "null" else data.draw(junk)
    return document


# One kind per run, so that each gets its share of examples and a failure names its kind. One mistake per
# document: a second one would let a shared rejection hide a disagreement about the first.
@pytest.mark.parametrize("kind", MUTATIONS)
@settings(max_examples=50, deadline=None)
@given(document=populated, data=st.data())
def test_schema_and_model_agree_on_mutated_documents(kind: str, document: dict[str, Any], data: st.DataObject) -> None:
    mutated = mutate(data, copy.deepcopy(document), kind)
    event("valid" if model_accepts(mutated) else "invalid")  # --hypothesis-show-statistics shows the mix
    assert_agree(mutated)


@settings(max_examples=100, deadline=None)
@given(junk)
def test_schema_and_model_agree_on_arbitrary_data(document: object) -> None:
    assert_agree(document)


# Edges, named ----------------------------------------------------------------------------------------------------


def task_with(**fields: object) -> dict[str, Any]:
    return {"tasks": {"build": {"name": "Build", **fields}}}


def service_with(**fields: object) -> dict[str, Any]:
    return {"services": {"db": {"name": "DB", **fields}}}


@pytest.mark.parametrize(
    "document",
    [
        None,
        [],
        "tasks",
        {"tasks": {"a" * 128: {"name": "x"}}},
        {"tasks": {"a" * 129: {"name": "x"}}},
        {"tasks": {"build\n": {"name": "x"}}},
        {"tasks": {"": {"name": "x"}}},
        {"tasks": {"build": None}},
        {"tasks": {"build": {}}},
        task_with(name=None),
        task_with(command=1),
        task_with(dependsOn="db"),
        task_with(dependsOn=[None]),
        task_with(triggeredBy="manual"),
        task_with(triggeredBy=[None]),
        task_with(triggeredBy=[{"fileChange": "*.py"}]),
        task_with(prebuildRequiresSuccess=0),
        task_with(runsOn={}),
        task_with(runsOn={"machine": None}),
        task_with(runsOn={"machine": {"cpu": 2}}),
        task_with(runsOn={"docker": {"image": ""}}),
        task_with(runsOn={"docker": {"environment": ["A=1"]}}),
        task_with(runsOn={"docker": {"image": "node", "environment": "A=1"}}),
        task_with(runsOn={"docker": {"image": "node"}, "machine": {}}),
        service_with(role=None),
        service_with(role="Editor"),
        service_with(commands=None),
        service_with(commands={}),
        service_with(commands={"start": ""}),
        service_with(commands={"start": "run", "stop": None}),
        service_with(readinessTimeout="600s"),
        service_with(readinessTimeout="600s\n"),
        service_with(readinessTimeout="600"),
        service_with(readinessTimeout="1.123456789s"),
        service_with(readinessTimeout="1.1234567890s"),
        service_with(readinessTimeout="\u0661s"),  # an Arabic-Indic digit: \d would take it, [0-9] does not
        service_with(readinessTimeout=600),
    ],
    ids=repr,
)
def test_schema_and_model_agree_on_edges(document: object) -> None:
    assert_agree(document)


def test_python_regex_alone_would_disagree() -> None:
    """Why the validator runs patterns with ECMA-262 semantics (see the module docstring)."""
    document = service_with(readinessTimeout="600s\n")
    assert Draft7Validator(json_schema()).is_valid(document)  # Python's `$` matches before the final newline
    assert not schema_accepts(document)
    assert not model_accepts(document)


# The real-world corpus -------------------------------------------------------------------------------------------


def corpus_documents() -> list[tuple[str, object]]:
    """(file name, data) of each corpus file that loads as a YAML mapping; files that do not (syntax errors,
    duplicate keys, an empty file) have no verdict to compare."""
    found: list[tuple[str, object]] = []
    for path in corpus_files():
        try:
            data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        except (YAMLError, UnicodeDecodeError):
            continue
        if isinstance(data, dict):
            found.append((path.name, data))
    return found


CORPUS_DOCUMENTS = corpus_documents()


@pytest.mark.parametrize(("name", "document"), CORPUS_DOCUMENTS, ids=[name for name, _ in CORPUS_DOCUMENTS])
def test_schema_and_model_agree_on_real_files(name: str, document: object) -> None:
    assert_agree(document)


def test_corpus_holds_both_verdicts() -> None:
    """Most real files are valid and some are not: a schema that accepted or rejected everything would show here."""
    verdicts = [schema_accepts(document) for _, document in CORPUS_DOCUMENTS]
    assert verdicts.count(True) > len(verdicts) / 2
    assert verdicts.count(False) > 0
