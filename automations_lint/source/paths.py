"""Naming a place in the document the way a user thinks of it: `"start" of service "web"`."""

from __future__ import annotations

from automations_lint.core.diagnostic import Path

KINDS = {"services": "service", "tasks": "task"}


def dotted(parts: Path) -> str:
    """("runsOn", "docker", "environment", 0) -> runsOn.docker.environment[0]"""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def owner(path: Path) -> str | None:
    """`service "web"` for any path inside that service, else None."""
    if len(path) >= 2 and path[0] in KINDS and isinstance(path[1], str):
        return f'{KINDS[str(path[0])]} "{path[1]}"'
    return None


def describe(path: Path) -> str:
    """A user's name for the value at `path`."""
    if not path:
        return "the file"
    who = owner(path)
    if who is None:
        return f'"{dotted(path)}"'
    if len(path) == 2:
        return who
    return f'"{dotted(path[2:])}" of {who}'


def container(path: Path) -> str:
    """Where a field at `path` would live, for messages like `unknown field "x" in ...`."""
    parent = path[:-1]
    if not parent:
        return "at the top level"
    return "in " + describe(parent)
