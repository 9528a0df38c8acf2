"""The facts of the file format that the model, the rules and the hints share (see shared/spec/FACTS.md)."""

from __future__ import annotations

KEY_PATTERN = r"^[a-zA-Z0-9_-]{1,128}$"
# A protobuf Duration as JSON writes it: seconds with up to nine fractional digits and an "s".
DURATION_PATTERN = r"^[0-9]+(\.[0-9]{1,9})?s$"

SERVICE_TRIGGERS = ("manual", "postDevcontainerStart", "postEnvironmentStart", "prebuild")
TASK_TRIGGERS = (*SERVICE_TRIGGERS, "beforeSnapshot")
ROLES = ("", "ai-agent", "default", "editor")

TOP_LEVEL_FIELDS = ("services", "tasks")
SERVICE_FIELDS = ("commands", "description", "name", "readinessTimeout", "role", "runsOn", "triggeredBy")
TASK_FIELDS = ("command", "dependsOn", "description", "name", "prebuildRequiresSuccess", "runsOn", "triggeredBy")
COMMAND_FIELDS = ("ready", "start", "stop")
RUNS_ON_FIELDS = ("docker", "machine")
DOCKER_FIELDS = ("environment", "image")
