"""Hypothesis strategies shared by the property tests: valid automations documents, and YAML text of them."""

from __future__ import annotations

import io
from typing import Any

from hypothesis import strategies as st
from ruamel.yaml import YAML

from automations_lint.schema.spec import ROLES, SERVICE_TRIGGERS, TASK_TRIGGERS

keys = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ0123456789_-", min_size=1, max_size=20)
# Any printable text, including characters YAML must quote ("yes", ": ", "#", leading spaces, unicode).
texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
non_empty = texts.filter(lambda text: text.strip() != "")
durations = st.builds(lambda n, frac: f"{n}{frac}s", st.integers(0, 86399), st.sampled_from(["", ".5", ".25"]))
runs_on = st.one_of(
    st.just({"machine": {}}),
    st.fixed_dictionaries(
        {"docker": st.fixed_dictionaries({"image": non_empty}, optional={"environment": st.lists(texts, max_size=3)})}
    ),
)


def optional(**fields: st.SearchStrategy[Any]) -> dict[str, st.SearchStrategy[Any]]:
    return fields


service = st.fixed_dictionaries(
    {"name": non_empty},
    optional=optional(
        description=texts,
        role=st.sampled_from(ROLES),
        commands=st.fixed_dictionaries({"start": non_empty}, optional={"ready": texts, "stop": texts}),
        runsOn=runs_on,
        triggeredBy=st.lists(st.sampled_from(SERVICE_TRIGGERS), unique=True),
        readinessTimeout=durations,
    ),
)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    services = draw(st.dictionaries(keys, service, max_size=4))
    task_keys = draw(st.lists(keys.filter(lambda key: key not in services), unique=True, max_size=6))
    tasks: dict[str, Any] = {}
    for position, key in enumerate(task_keys):
        targets = [*services, *task_keys[:position]]
        depends = draw(st.lists(st.sampled_from(targets), unique=True, max_size=3)) if targets else []
        task = draw(
            st.fixed_dictionaries(
                {"name": non_empty, "command": non_empty},
                optional=optional(
                    description=texts,
                    runsOn=runs_on,
                    triggeredBy=st.lists(st.sampled_from(TASK_TRIGGERS), unique=True),
                    prebuildRequiresSuccess=st.booleans(),
                ),
            )
        )
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
