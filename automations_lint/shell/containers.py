"""What a docker, podman or compose command does to containers: only the subcommands that start or change
something count; `ps`, `logs`, `inspect` and the like only read, and `exec` is judged by the command it runs."""

from __future__ import annotations

from typing import NamedTuple

_CONTAINER_PROGRAMS = frozenset({"docker", "podman", "nerdctl"})
_COMPOSE_PROGRAMS = frozenset({"docker-compose", "podman-compose"})
# Options before the subcommand that take a value: `docker -H host ps`, `docker compose -f x.yml up`.
_GLOBAL_VALUE_OPTIONS = frozenset(
    {"-H", "--host", "-c", "--context", "--config", "-l", "--log-level", "--tlscacert", "--tlscert", "--tlskey"}
)
COMPOSE_VALUE_OPTIONS = frozenset(
    {"-f", "--file", "-p", "--project-name", "--profile", "--env-file", "--project-directory", "--ansi"}
)
_EXEC_VALUE_OPTIONS = frozenset(
    {"-e", "--env", "-u", "--user", "-w", "--workdir", "--env-file", "--index", "--detach-keys"}
)
# `docker container start`, `docker image pull`: the object comes first, then the subcommand.
_OBJECTS = frozenset({"container", "image", "network", "volume", "system", "builder", "buildx", "plugin", "context"})
_STARTS = frozenset({"run", "up", "start", "restart", "create", "unpause", "scale"})
_CHANGES = frozenset(
    {"stop", "kill", "rm", "down", "pause", "rename", "update", "commit", "cp", "pull", "build", "push", "rmi"}
    | {"tag", "load", "import", "prune", "remove", "connect", "disconnect", "install", "enable", "disable", "use"}
)


class Subcommand(NamedTuple):
    """A container command's subcommand and the words after it (`compose` and an object word skipped)."""

    name: str
    rest: list[str]


def subcommand(words: list[str]) -> Subcommand | None:
    """The subcommand of a docker, podman or compose command; None for any other program."""
    program = words[0].rsplit("/", 1)[-1] if words else ""
    if program in _CONTAINER_PROGRAMS:
        rest = skip_options(words[1:], _GLOBAL_VALUE_OPTIONS)
        if rest[:1] == ["compose"]:
            rest = skip_options(rest[1:], COMPOSE_VALUE_OPTIONS)
        elif rest[:1] and rest[0] in _OBJECTS:
            rest = rest[1:]
    elif program in _COMPOSE_PROGRAMS:
        rest = skip_options(words[1:], COMPOSE_VALUE_OPTIONS)
    else:
        return None
    return Subcommand(rest[0], rest[1:]) if rest else None


def change(words: list[str]) -> str | None:
    """What the command does to containers or images, as a verb phrase; None when it only reads or is unknown."""
    found = subcommand(words)
    if found is None:
        return None
    if found.name in _STARTS:
        return "starts containers"
    if found.name in _CHANGES:
        return "changes containers or images"
    return None


def executed(words: list[str]) -> list[str] | None:
    """The command that `docker exec` or `docker compose exec` runs inside the container; None for other commands."""
    found = subcommand(words)
    if found is None or found.name != "exec":
        return None
    rest = skip_options(found.rest, _EXEC_VALUE_OPTIONS)
    return rest[1:] or None  # past the container or service name


def skip_options(words: list[str], with_value: frozenset[str]) -> list[str]:
    """`words` from the first that is not an option, past the values of the options in `with_value`."""
    index = 0
    while index < len(words) and words[index].startswith("-"):
        index += 2 if words[index] in with_value else 1
    return words[index:]
