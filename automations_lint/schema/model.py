"""The strict pydantic model of an automations file: the public Python type, and the source of the JSON Schema.

Field names are those of the YAML file. Every model forbids unknown fields, as Ona does. Optional fields accept
null (an empty value in YAML), because Ona reads the file through protobuf JSON, where null means "not set".
protojson also reads each field under its protobuf name (`triggered_by`), so the model does too, and refuses a
field given under both names, or `runsOn` with both `docker` and `machine` (a oneof), as protojson does.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal, Optional

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from automations_lint.schema.fast_schema import conflict
from automations_lint.schema.spec import DURATION_PATTERN, KEY_PATTERN, ONE_OF, PROTO_NAMES

ServiceTrigger = Literal["manual", "postDevcontainerStart", "postEnvironmentStart", "prebuild"]
TaskTrigger = Literal["manual", "postDevcontainerStart", "postEnvironmentStart", "prebuild", "beforeSnapshot"]
Role = Literal["", "ai-agent", "default", "editor"]
AutomationKey = Annotated[str, StringConstraints(pattern=KEY_PATTERN)]
NonEmptyString = Annotated[str, StringConstraints(min_length=1)]
Duration = Annotated[str, StringConstraints(pattern=DURATION_PATTERN)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    # Fields of which at most one may be set (a protobuf oneof).
    one_of: ClassVar[tuple[str, ...]] = ()

    @model_validator(mode="before")
    @classmethod
    def _no_conflicting_fields(cls, data: Any) -> Any:
        if isinstance(data, dict):
            pair = conflict(cls.model_fields, cls.one_of, data)
            if pair is not None:
                context = {"first": pair[0], "second": pair[1]}
                raise PydanticCustomError("conflicting_fields", "{first} and {second} cannot both be set", context)
        return data


def _aliases(name: str) -> AliasChoices:
    """A field read under its JSON name or its protobuf name, as protojson reads it."""
    proto = next(proto for proto, json_name in PROTO_NAMES.items() if json_name == name)
    return AliasChoices(name, proto)


class Docker(_Strict):
    """Run the automation in a Docker container."""

    image: NonEmptyString = Field(description="The container image to run the command in, e.g. `node:22`.")
    environment: Optional[list[str]] = Field(
        default=None, description="Environment variables for the container, each as `NAME=value`."
    )


class Machine(_Strict):
    """Run the automation directly on the environment's machine (VM). Written as an empty mapping: `machine: {}`."""


class RunsOn(_Strict):
    """Where the automation runs: in a Docker container or directly on the machine, not both."""

    one_of: ClassVar[tuple[str, ...]] = ONE_OF["runsOn"]

    docker: Optional[Docker] = Field(default=None, description="Run in a Docker container.")
    machine: Optional[Machine] = Field(default=None, description="Run directly on the VM: `machine: {}`.")


class Commands(_Strict):
    """The commands that start, probe and stop a service."""

    start: NonEmptyString = Field(
        description=(
            "The command that starts and runs the service. It must keep running: if it exits 0 the service "
            "goes to Stopped, otherwise to Failed. Without `stop`, it gets SIGTERM when the service is asked to "
            "stop, and SIGKILL 2 minutes later."
        )
    )
    ready: Optional[str] = Field(
        default=None,
        description=(
            "A probe run repeatedly until it exits 0; the service is Starting until then, Running after. "
            "It must have no side effects."
        ),
    )
    stop: Optional[str] = Field(
        default=None,
        description=(
            "Runs instead of sending SIGTERM when the service is asked to stop; once it exits, `start` gets "
            "SIGKILL. A non-zero exit fails the service; after 2 minutes both get SIGKILL."
        ),
    )


_NAME = "A human-readable name, shown in the Ona UI and CLI. Required, non-empty."
_DESCRIPTION = "A longer description, shown in the Ona UI."
_RUNS_ON = "Where the automation runs: `docker` (a container image) or `machine` (directly on the VM)."
_TRIGGERED_BY = "When the {kind} starts by itself. Without triggers it runs only when started or depended on."


class Service(_Strict):
    """A long-running process, such as a database or a dev server."""

    name: NonEmptyString = Field(description=_NAME)
    description: Optional[str] = Field(default=None, description=_DESCRIPTION)
    role: Optional[Role] = Field(
        default=None, description='The service\'s special role: "" (none), "default", "editor" or "ai-agent".'
    )
    commands: Optional[Commands] = Field(default=None, description="The commands that start, probe and stop it.")
    runsOn: Optional[RunsOn] = Field(default=None, description=_RUNS_ON, validation_alias=_aliases("runsOn"))
    triggeredBy: Optional[list[ServiceTrigger]] = Field(
        default=None,
        description=_TRIGGERED_BY.format(kind="service") + " `beforeSnapshot` is for tasks only.",
        validation_alias=_aliases("triggeredBy"),
    )
    readinessTimeout: Optional[Duration] = Field(
        default=None,
        description=(
            'How long `ready` may take to succeed, as a duration such as "600s" or "1.5s", at most "86400s" '
            '(24 hours); "0s" disables it.'
        ),
        validation_alias=_aliases("readinessTimeout"),
    )


class Task(_Strict):
    """A command that runs once to completion, such as a build or a database migration."""

    name: NonEmptyString = Field(description=_NAME)
    description: Optional[str] = Field(default=None, description=_DESCRIPTION)
    command: NonEmptyString = Field(
        description="The shell command to run. Required, non-empty: Ona rejects a task without one.",
    )
    dependsOn: Optional[list[str]] = Field(
        default=None,
        description="Keys of tasks or services in this file that must run (or be running) before this task.",
        validation_alias=_aliases("dependsOn"),
    )
    runsOn: Optional[RunsOn] = Field(default=None, description=_RUNS_ON, validation_alias=_aliases("runsOn"))
    triggeredBy: Optional[list[TaskTrigger]] = Field(
        default=None,
        description=_TRIGGERED_BY.format(kind="task")
        + " `beforeSnapshot` is in Ona's docs but not in the file's validation rule: automations-lint warns.",
        validation_alias=_aliases("triggeredBy"),
    )
    prebuildRequiresSuccess: Optional[bool] = Field(
        default=None,
        description="Whether a prebuild fails when this task fails.",
        validation_alias=_aliases("prebuildRequiresSuccess"),
    )


class AutomationsFile(_Strict):
    """An Ona automations file (`.ona/automations.yaml`): services and tasks, keyed by their reference."""

    services: Optional[dict[AutomationKey, Service]] = Field(
        default=None, description="Long-running services, by key (letters, digits, `_` and `-`, at most 128)."
    )
    tasks: Optional[dict[AutomationKey, Task]] = Field(
        default=None, description="One-off tasks, by key (letters, digits, `_` and `-`, at most 128)."
    )
