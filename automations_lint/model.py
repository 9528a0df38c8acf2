"""The strict pydantic model of an automations file: the public Python type, and the source of the JSON Schema.

Field names are those of the YAML file. Every model forbids unknown fields, as Ona does. Optional fields accept
null (an empty value in YAML), because Ona reads the file through protobuf JSON, where null means "not set".
"""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from automations_lint.spec import DURATION_PATTERN, KEY_PATTERN

ServiceTrigger = Literal["manual", "postDevcontainerStart", "postEnvironmentStart", "prebuild"]
TaskTrigger = Literal["manual", "postDevcontainerStart", "postEnvironmentStart", "prebuild", "beforeSnapshot"]
Role = Literal["", "ai-agent", "default", "editor"]
AutomationKey = Annotated[str, StringConstraints(pattern=KEY_PATTERN)]
NonEmptyString = Annotated[str, StringConstraints(min_length=1)]
Duration = Annotated[str, StringConstraints(pattern=DURATION_PATTERN)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Docker(_Strict):
    """Run the automation in a Docker container."""

    image: NonEmptyString = Field(description="The container image to run the command in, e.g. `node:22`.")
    environment: Optional[list[str]] = Field(
        default=None, description="Environment variables for the container, each as `NAME=value`."
    )


class Machine(_Strict):
    """Run the automation directly on the environment's machine (VM). Written as an empty mapping: `machine: {}`."""


class RunsOn(_Strict):
    """Where the automation runs: in a Docker container or directly on the machine."""

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
    runsOn: Optional[RunsOn] = Field(default=None, description=_RUNS_ON)
    triggeredBy: Optional[list[ServiceTrigger]] = Field(
        default=None,
        description=_TRIGGERED_BY.format(kind="service") + " `beforeSnapshot` is for tasks only.",
    )
    readinessTimeout: Optional[Duration] = Field(
        default=None,
        description='How long `ready` may take to succeed, as a duration such as "600s" or "1.5s"; "0s" disables it.',
    )


class Task(_Strict):
    """A command that runs once to completion, such as a build or a database migration."""

    name: NonEmptyString = Field(description=_NAME)
    description: Optional[str] = Field(default=None, description=_DESCRIPTION)
    command: Optional[str] = Field(
        default=None,
        description="The shell command to run. A task without one but with `dependsOn` only groups its dependencies.",
    )
    dependsOn: Optional[list[str]] = Field(
        default=None,
        description="Keys of tasks or services in this file that must run (or be running) before this task.",
    )
    runsOn: Optional[RunsOn] = Field(default=None, description=_RUNS_ON)
    triggeredBy: Optional[list[TaskTrigger]] = Field(default=None, description=_TRIGGERED_BY.format(kind="task"))
    prebuildRequiresSuccess: Optional[bool] = Field(
        default=None, description="Whether a prebuild fails when this task fails."
    )


class AutomationsFile(_Strict):
    """An Ona automations file (`.ona/automations.yaml`): services and tasks, keyed by their reference."""

    services: Optional[dict[AutomationKey, Service]] = Field(
        default=None, description="Long-running services, by key (letters, digits, `_` and `-`, at most 128)."
    )
    tasks: Optional[dict[AutomationKey, Task]] = Field(
        default=None, description="One-off tasks, by key (letters, digits, `_` and `-`, at most 128)."
    )
