"""What a shell command does, as far as the behaviour rules care: does it return at once, detach, never end,
or change something? Each answer is a short reason to quote in a message, or None when we cannot tell, so a rule
stays silent rather than guess."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from automations_lint.core.excerpt import quoted
from automations_lint.shell import containers as container_commands
from automations_lint.shell.words import Command, stages

# Commands that finish quickly and leave nothing running: setting up, printing, moving around.
_QUICK_PROGRAMS = frozenset(
    {"echo", "printf", "cd", "export", "set", "source", ".", "true", ":", "mkdir", "cp", "mv", "rm", "ln"}
    | {"chmod", "chown", "touch", "unset", "alias", "pushd", "popd", "sleep", "date", "whoami", "pwd", "ls", "cat"}
)
# Shell syntax around commands: a bounded `if` or `for` keeps nothing running (`while` and `until` can loop forever,
# so they are not here).
_QUICK_SYNTAX = frozenset({"if", "then", "else", "elif", "fi", "[", "[[", "test", "case", "esac", "for", "do", "done"})
_QUICK = _QUICK_PROGRAMS | _QUICK_SYNTAX | {"{", "}", "tee"}
_INSTALLERS = {
    "npm": {"install", "i", "ci"},
    "yarn": {"install", ""},
    "pnpm": {"install", "i"},
    "bun": {"install", "i"},
    "pip": {"install"},
    "pip3": {"install"},
    "uv": {"sync", "pip"},
    "poetry": {"install"},
    "bundle": {"install", ""},
    "composer": {"install"},
    "apt-get": {"install", "update"},
    "apt": {"install", "update"},
    "apk": {"add"},
    "go": {"mod"},
    "cargo": {"fetch"},
    "playwright": {"install"},
}
# One-time setup: each exits once done, so a service that only runs them stops at once.
_SETUP = {
    "terraform": {"init", "validate", "fmt", "plan", "apply", "get", "providers", "workspace"},
    "tofu": {"init", "validate", "fmt", "plan", "apply", "get", "providers", "workspace"},
    "git": {"clone", "pull", "fetch", "checkout", "submodule", "config", "lfs"},
    "prisma": {"generate", "migrate", "db"},
    "dotnet": {"restore", "build", "tool"},
    "mvn": {"install", "package", "compile", "dependency:go-offline"},
    "cargo": {"build"},
    "go": {"build", "generate", "install"},
}
_HARMLESS_TARGETS = frozenset({"/dev/null", "/dev/stderr", "/dev/stdout"})
_JS_RUNNERS = frozenset({"npm", "yarn", "pnpm", "bun"})
_SCRIPT_RUNNERS = _JS_RUNNERS | {"pipenv", "poetry", "uv"}
_PACKAGE_RUNNERS = frozenset({"npx", "pnpx", "bunx"})
# Script names such as dev, start, serve:dev or test:watch name servers and watchers by convention.
_SERVER_SCRIPT = re.compile(r"(?:^|[:_-])(?:dev|start|serve|watch|develop)(?:$|[:_-])")
_SERVER_PROGRAMS = frozenset({"nodemon", "uvicorn", "gunicorn", "http-server", "live-server"})
_SERVER_SUBCOMMANDS = {
    "next": {"dev", "start"},
    "vite": {"", "dev", "serve", "preview"},
    "rails": {"s", "server"},
    "flask": {"run"},
    "jupyter": {"notebook", "lab"},
    "hugo": {"server", "serve"},
    "hardhat": {"node"},
    "artisan": {"serve"},
}


def quick(command: Command) -> bool:
    """Whether the command finishes at once: printing, moving files, installing dependencies, one-time setup
    (`terraform init`), a finite sleep."""
    words = command.words
    program = command.program
    if not words:
        return True
    if program == "sleep":
        return words[1:2] != ["infinity"]
    if program == "tee":
        return True
    if program in _QUICK:
        return True
    return installs(command) is not None or sets_up(command) is not None


def sets_up(command: Command) -> str | None:
    """Why the command is one-time setup that exits once done (`terraform init`, `git pull`), or None."""
    program, words = _unwrapped(command)
    verb = words[1] if len(words) > 1 and not words[1].startswith("-") else ""
    if verb in _SETUP.get(program, ()):
        return f"{quoted(command.text)} sets things up and exits"
    return None


def installs(command: Command) -> str | None:
    return command.text if _installs(command.words) else None


def _installs(words: list[str]) -> bool:
    program, words = _unwrapped(words)
    verb = words[1] if len(words) > 1 and not words[1].startswith("-") else ""
    return verb in _INSTALLERS.get(program, ())


def detaches(command: Command) -> str | None:
    """Why the command returns while leaving its work running elsewhere, or None."""
    words = command.words
    if command.background:
        return f"{quoted(command.text + ' &')} runs in the background"
    program = command.program
    rest = words[1:]
    if program in ("docker", "podman"):
        if rest[:1] == ["compose"]:
            rest = _compose_subcommand(rest[1:])
            program = "docker-compose"
        elif rest[:1] == ["run"] and _has_flag(rest[1:], "d", "--detach"):
            return f"{quoted(command.text)} starts the container detached (-d) and returns"
        elif rest[:1] == ["start"] and not _has_flag(rest[1:], "a", "--attach"):
            return f"{quoted(command.text)} starts the container in the background and returns"
    if program in ("docker-compose", "podman-compose"):
        rest = _compose_subcommand(rest)
    if program in ("docker-compose", "podman-compose") and rest[:1] == ["up"] and _has_flag(rest[1:], "d", "--detach"):
        return f"{quoted(command.text)} starts the containers detached and returns"
    if program == "service" and len(rest) >= 2 and rest[1] in ("start", "restart"):
        return f"{quoted(command.text)} starts a system service and returns"
    if program == "systemctl" and rest[:1] and rest[0] in ("start", "restart"):
        return f"{quoted(command.text)} starts a system service and returns"
    if "--daemon" in rest or "--fork" in rest or rest[-2:] == ["--daemonize", "yes"]:
        return f"{quoted(command.text)} daemonises and returns"
    return None


class Blame(NamedTuple):
    """Why a command matters to a rule, and the words of it to point at."""

    reason: str
    words: Command


def never_ends(command: Command) -> Blame | None:
    """Why the command keeps running until it is stopped (a server, a watcher, a follow), or None. A pipeline ends
    when a later stage stops reading early: `tail -f log | grep -m1 ready` ends at the first match."""
    if command.background:
        return None
    first, *later = stages(command)
    if any(_stops_early(stage) for stage in later):
        return None
    program, words = _unwrapped(first)
    shown = quoted(first.text)
    if _follows(program, words[1:]):
        return Blame(f"{shown} never returns", first)
    if "--watch" in words[1:]:
        return Blame(f"{shown} watches for changes until it is stopped", first)
    if _serves(program, words[1:]):
        return Blame(f"{shown} starts a server or watcher that keeps running", first)
    if _composes_in_foreground(program, words[1:]):
        return Blame(f"{shown} runs the containers in the foreground until they are stopped", first)
    return None


def _stops_early(stage: Command) -> bool:
    """Whether a pipeline stage exits after a bounded amount of input, ending the pipeline (`head`, `grep -m1`,
    `grep -q`, an awk program that exits)."""
    program, words = stage.program, stage.words[1:]
    if program == "head":
        return True
    if program in ("grep", "egrep", "fgrep", "rg"):
        return any(
            word in ("-q", "--quiet", "--silent", "-l", "--files-with-matches")
            or word.startswith(("-m", "--max-count"))
            or (word.startswith("-") and not word.startswith("--") and "q" in word[1:] and word[1:].isalpha())
            for word in words
        )
    return program in ("awk", "gawk", "mawk") and any("exit" in word for word in words)


def _follows(program: str, rest: list[str]) -> bool:
    if program == "tail":
        return any(flag in rest for flag in ("-f", "-F", "--follow"))
    return program == "sleep" and rest[:1] == ["infinity"]


def _serves(program: str, rest: list[str]) -> bool:
    if program in _SCRIPT_RUNNERS:
        script = rest[1] if rest[:1] == ["run"] and len(rest) > 1 else (rest[0] if rest else "")
        # `npm dev` is short for `npm run dev`; `poetry dev` is not a script.
        return bool(_SERVER_SCRIPT.search(script)) and (program in _JS_RUNNERS or rest[:1] == ["run"])
    if program in _SERVER_PROGRAMS:
        return True
    if (program in ("python", "python3") and rest[:2] == ["-m", "http.server"]) or (
        program == "php" and rest[:2] == ["artisan", "serve"]
    ):
        return True
    subcommand = rest[0] if rest and not rest[0].startswith("-") else ""
    if subcommand in _SERVER_SUBCOMMANDS.get(program, ()):
        return True
    return any(word.endswith(("spring-boot:run", "bootRun")) for word in rest)


def _composes_in_foreground(program: str, rest: list[str]) -> bool:
    if program == "docker" and rest[:1] == ["compose"]:
        rest = _compose_subcommand(rest[1:])
    elif program == "docker-compose":
        rest = _compose_subcommand(rest)
    else:
        return False
    return rest[:1] == ["up"] and not _has_flag(rest[1:], "d", "--detach")


def side_effects(command: Command) -> Iterator[Blame]:
    """Why running the command again and again would change something: at most one reason for each stage of a
    pipeline (`curl -s URL | tee /tmp/x`), pointing at the stage or at the redirection that writes."""
    for stage in stages(command):
        reason = _side_effect(stage.words)
        if reason is not None:
            yield Blame(f"{quoted(stage.text)} {reason}", stage)
            continue
        written = _written(stage)
        if written is not None:
            yield written


def _side_effect(words: list[str]) -> str | None:
    """What the simple command `words` changes, as a verb phrase, or None."""
    program = words[0].rsplit("/", 1)[-1] if words else ""
    if (program in ("gitpod", "gp") and "open" in words) or (program == "gp" and words[1:2] == ["ports"]):
        return "opens a port"
    if _installs(words):
        return "installs packages"
    if program in ("touch", "mkdir", "rm", "mv", "cp", "tee", "ln"):
        return "changes files"
    inner = container_commands.executed(words)
    if inner is not None:
        found = _side_effect(inner)
        return None if found is None else f"runs a command in the container that {found}"
    if any(word in ("migrate", "db:migrate", "db:seed", "seed") for word in words[1:]):
        return "changes the database"
    return container_commands.change(words)


def _written(stage: Command) -> Blame | None:
    """The redirection of the stage that writes to a file, other than /dev/null and friends."""
    words = stage.words
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        target = _redirect_target(word, following)
        if target is not None and target not in _HARMLESS_TARGETS and not target.startswith("&"):
            return Blame(f"{quoted(stage.text)} writes to {target}", _words_at(stage, word, target))
    return None


def _words_at(stage: Command, word: str, target: str) -> Command:
    """The redirection `word` (and its `target`, when that is the next word) in the stage; the whole stage when
    quoting makes the written text differ from the words."""
    start = stage.text.find(word)
    found = stage.text.find(target, max(start, start + len(word) - len(target))) if start >= 0 else -1
    return stage.part(start, found + len(target)) if found >= 0 else stage


def _redirect_target(word: str, following: str) -> str | None:
    for operator in ("&>>", "&>", ">>", ">"):
        for prefix in ("", "1", "2"):
            if word.startswith(prefix + operator):
                target = word[len(prefix + operator) :]
                return target or following
    return None


def _unwrapped(command: Command | list[str]) -> tuple[str, list[str]]:
    """The program and words of a command run through npx, pnpx or bunx (`npx playwright install`)."""
    words = command.words if isinstance(command, Command) else command
    while len(words) > 1 and words[0].rsplit("/", 1)[-1] in _PACKAGE_RUNNERS:
        words = words[1:]
    return (words[0].rsplit("/", 1)[-1] if words else ""), words


def _compose_subcommand(words: list[str]) -> list[str]:
    """`docker compose` arguments from the subcommand on, past global options such as `-f file.yml`."""
    return container_commands.skip_options(words, container_commands.COMPOSE_VALUE_OPTIONS)


def _has_flag(words: list[str], short: str, long: str) -> bool:
    """Whether `words` hold the flag as `--long`, `-x` or inside a cluster such as `-itd`."""
    for word in words:
        if word == long or word.startswith(long + "="):
            return True
        if word.startswith("-") and not word.startswith("--") and short in word[1:] and word[1:].isalpha():
            return True
    return False
