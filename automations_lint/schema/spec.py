"""The facts of the file format that the model, the rules and the hints share (docs/format.md gives each fact's
source; tests/test_descriptor_drift.py holds them against Ona's own descriptor in tests/data/ona/)."""

from __future__ import annotations

KEY_PATTERN = r"^[a-zA-Z0-9_-]{1,128}$"

# readinessTimeout is a google.protobuf.Duration in protojson's string form, and the descriptor limits it to
# 0s..86400s. The grammar is Go protojson's: an optional sign, an integer part without leading zeros ("0" or
# "600"; it may be left out before a fraction: ".5s"), up to nine fraction digits (none after the dot is fine:
# "5.s"), and "s". The pattern says both at once, so the JSON Schema can say it to editors: a non-negative
# duration up to 86400 seconds, or a negative zero ("-0s", which is 0).
READINESS_TIMEOUT_MAX_SECONDS = 86400
_FRACTION = r"(\.[0-9]{0,9})?"
_UNDER_MAX = r"(0|[1-9][0-9]{0,3}|[1-7][0-9]{4}|8[0-5][0-9]{3}|86[0-3][0-9]{2})"
DURATION_PATTERN = (
    rf"^(\+?({_UNDER_MAX}{_FRACTION}|\.[0-9]{{0,9}}|86400(\.0{{0,9}})?)|-(0(\.0{{0,9}})?|\.0{{0,9}}))s$"
)
# The grammar alone, whatever the value (to tell "not a duration" from "out of range" in a message).
DURATION_GRAMMAR = r"^[-+]?((0|[1-9][0-9]*)(\.[0-9]{0,9})?|\.[0-9]{0,9})s$"

SERVICE_TRIGGERS = ("manual", "postDevcontainerStart", "postEnvironmentStart", "prebuild")
TASK_TRIGGERS = (*SERVICE_TRIGGERS, "beforeSnapshot")
ROLES = ("", "ai-agent", "default", "editor")

TOP_LEVEL_FIELDS = ("services", "tasks")
SERVICE_FIELDS = ("commands", "description", "name", "readinessTimeout", "role", "runsOn", "triggeredBy")
TASK_FIELDS = ("command", "dependsOn", "description", "name", "prebuildRequiresSuccess", "runsOn", "triggeredBy")
COMMAND_FIELDS = ("ready", "start", "stop")
RUNS_ON_FIELDS = ("docker", "machine")
DOCKER_FIELDS = ("environment", "image")

# protojson reads every field under its JSON name (the documented camelCase) and under its protobuf name too.
PROTO_NAMES = {
    "triggered_by": "triggeredBy",
    "depends_on": "dependsOn",
    "runs_on": "runsOn",
    "readiness_timeout": "readinessTimeout",
    "prebuild_requires_success": "prebuildRequiresSuccess",
}
# RunsOn is a protobuf oneof: at most one of these may be set (null is "not set").
ONE_OF = {"runsOn": RUNS_ON_FIELDS}

# Where the linter and Ona's reader knowingly part ways. Everything else is an error if and only if Ona rejects
# the file (tests/conformance holds the reader's verdicts on cases for every fact).
#
# Errors although Ona accepts the file, because the file cannot work: Ona finds these only when a task starts.
ERRORS_BEYOND_THE_READER = ("unknown-reference", "self-dependency", "dependency-cycle", "shellcheck")
# Accepted with a warning although the descriptor's rule rejects it, because the sources conflict: Ona's docs and
# its API's TaskSpec allow beforeSnapshot on tasks, the August 2026 descriptor's rule for the file does not.
DISPUTED_TASK_TRIGGERS = ("beforeSnapshot",)


# What each trigger and role means, shown beside it in editors (the JSON Schema's descriptions, the language
# server's completion); from Ona's trigger table (docs/format.md). Which value is allowed where is the model's
# business: these only explain the values.
TRIGGER_MEANINGS = {
    "manual": "On demand, from the Ona CLI or UI.",
    "postDevcontainerStart": (
        "After the Dev Container starts in a user environment (first start or rebuild); not in prebuilds."
    ),
    "postEnvironmentStart": "Every time the environment starts or resumes.",
    "prebuild": "During a prebuild only; no user secrets are available.",
    "beforeSnapshot": (
        "After all prebuild tasks, before the snapshot. Tasks only. Ona's docs list it, but the file's validation "
        "rule (August 2026) does not: the linter warns about it."
    ),
}
ROLE_MEANINGS = {
    "": "No special role (the same as leaving `role` out).",
    "ai-agent": "The service that runs an AI agent.",
    "default": "The environment's default service.",
    "editor": "The service that runs the editor.",
}
