"""Ona's reader as a test oracle: run the replica (when ONA_READER names it) and hold the linter to its verdict.

The replica (its source and build script live outside this repository; `.ci/run` builds it) reads files as Ona's
public client does: yaml.v3, encoding/json, protojson, then the descriptor's validation rules. It prints one line
per file: the name, ACCEPT or REJECT, and the reason; `ACCEPT pv: ...` means the validation rules reject it, so
Ona rejects it too.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from descriptor import DESCRIPTOR

from automations_lint import lint_text
from automations_lint.core.diagnostic import Diagnostic
from automations_lint.engine.config import Config
from automations_lint.schema.spec import DISPUTED_TASK_TRIGGERS, ERRORS_BEYOND_THE_READER

ENVIRONMENT = "ONA_READER"
# ShellCheck's findings are one of the deliberate extras: not running it saves a process per file.
WITHOUT_SHELLCHECK = Config(ignore=frozenset({"AL501"}))
WHY_SKIPPED = f"set {ENVIRONMENT} to the reader replica's binary (.ci/run builds it) to compare with Ona's reader"


class Verdict(NamedTuple):
    accepted: bool
    reason: str

    @property
    def word(self) -> str:
        return "ACCEPT" if self.accepted else "REJECT"


def replica() -> str | None:
    """The replica's binary, from the environment, or None."""
    return os.environ.get(ENVIRONMENT) or None


def read(binary: str, paths: Sequence[Path]) -> dict[str, Verdict]:
    """The replica's verdict on each file, by file name."""
    result = subprocess.run(
        [binary, *map(str, paths)],
        env={**os.environ, "MINI_DESC": str(DESCRIPTOR)},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    verdicts: dict[str, Verdict] = {}
    last = ""
    for line in result.stdout.splitlines():
        parts = line.split("\t", 2)
        if len(parts) == 3 and parts[1] in ("ACCEPT", "REJECT"):
            last = parts[0]
            accepted = parts[1] == "ACCEPT" and parts[2] == "(pv: ok)"
            verdicts[last] = Verdict(accepted, parts[2])
        elif last:  # a reason that spans lines (yaml.v3's "unmarshal errors:")
            verdicts[last] = verdicts[last]._replace(reason=f"{verdicts[last].reason} {line.strip()}")
    return verdicts


def disagreement(text: str, verdict: Verdict) -> str | None:
    """Why the linter disagrees with the reader on `text`, or None when it agrees: an error if and only if Ona
    rejects the file, except the deliberate differences listed in automations_lint/schema/spec.py."""
    diagnostics = lint_text(text, "conformance.yaml", WITHOUT_SHELLCHECK)
    errors = [d for d in diagnostics if d.severity == "error" and d.name not in ERRORS_BEYOND_THE_READER]
    if verdict.accepted and errors:
        return f"Ona accepts it, the linter reports {_show(errors)}"
    if not verdict.accepted and not errors and not _only_disputed(verdict, diagnostics):
        return f"Ona rejects it ({verdict.reason}), the linter reports no error: {_show(diagnostics)}"
    return None


def _only_disputed(verdict: Verdict, diagnostics: list[Diagnostic]) -> bool:
    """Rejected only for a trigger the sources dispute on a task, which the linter warns about instead."""
    if not verdict.reason.startswith("pv: ") or not any(d.name == "disputed-trigger" for d in diagnostics):
        return False
    reasons = verdict.reason.removeprefix("pv: ").split("; ")
    disputed = tuple(f'="{trigger}": not in list' for trigger in DISPUTED_TASK_TRIGGERS)
    return all(reason.startswith("tasks.") and reason.endswith(disputed) for reason in reasons)


def _show(diagnostics: list[Diagnostic]) -> str:
    return "; ".join(f"{d.line}:{d.column} {d.severity} {d.name} {d.message}" for d in diagnostics) or "nothing"
