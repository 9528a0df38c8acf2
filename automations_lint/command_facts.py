"""What a shell command does, as far as the behaviour rules care: does it return at once, detach, never end,
or change something? Each answer is a short reason to quote in a message, or None when we cannot tell, so a rule
stays silent rather than guess."""

from __future__ import annotations

import re

from automations_lint.shell import Command

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
_HARMLESS_TARGETS = frozenset({"/dev/null", "/dev/stderr", "/dev/stdout"})
_JS_RUNNERS = frozenset({"npm", "yarn", "pnpm", "bun"})
_SCRIPT_RUNNERS = _JS_RUNNERS | {"pipenv", "poetry", "uv"}
_PACKAGE_RUNNERS = frozenset({"npx", "pnpx", "bunx"})
# Script names such as dev, start, serve:dev or test:watch name servers and watchers by convention.
_SERVER_SCRIPT = re.compile(r"(?:^|[:_-])(?:dev|start|serve|watch|develop)(?:$|[:_-])")
# docker compose options that take a value, so that `-f file.yml up -d` still finds `up`.
_COMPOSE_VALUE_OPTIONS = frozenset(
    {"-f", "--file", "-p", "--project-name", "--profile", "--env-file", "--project-directory"}
)
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
    """Whether the command finishes at once: printing, moving files, installing dependencies, a finite sleep."""
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
    return installs(command) is not None


def installs(command: Command) -> str | None:
    program, words = _unwrapped(command)
    verbs = _INSTALLERS.get(program)
    if verbs is None:
        return None
    verb = words[1] if len(words) > 1 and not words[1].startswith("-") else ""
    return command.text if verb in verbs else None


def detaches(command: Command) -> str | None:
    """Why the command returns while leaving its work running elsewhere, or None."""
    words = command.words
    if command.background:
        return f'"{command.text} &" runs in the background'
    program = command.program
    rest = words[1:]
    if program in ("docker", "podman"):
        if rest[:1] == ["compose"]:
            rest = _compose_subcommand(rest[1:])
            program = "docker-compose"
        elif rest[:1] == ["run"] and _has_flag(rest[1:], "d", "--detach"):
            return f'"{command.text}" starts the container detached (-d) and returns'
        elif rest[:1] == ["start"] and not _has_flag(rest[1:], "a", "--attach"):
            return f'"{command.text}" starts the container in the background and returns'
    if program in ("docker-compose", "podman-compose"):
        rest = _compose_subcommand(rest)
    if program in ("docker-compose", "podman-compose") and rest[:1] == ["up"] and _has_flag(rest[1:], "d", "--detach"):
        return f'"{command.text}" starts the containers detached and returns'
    if program == "service" and len(rest) >= 2 and rest[1] in ("start", "restart"):
        return f'"{command.text}" starts a system service and returns'
    if program == "systemctl" and rest[:1] and rest[0] in ("start", "restart"):
        return f'"{command.text}" starts a system service and returns'
    if "--daemon" in rest or "--fork" in rest or rest[-2:] == ["--daemonize", "yes"]:
        return f'"{command.text}" daemonises and returns'
    return None


def never_ends(command: Command) -> str | None:
    """Why the command keeps running until it is stopped (a server, a watcher, a follow), or None."""
    if command.background:
        return None
    program, words = _unwrapped(command)
    if _follows(program, words[1:]):
        return f'"{command.text}" never returns'
    if "--watch" in words[1:]:
        return f'"{command.text}" watches for changes until it is stopped'
    if _serves(program, words[1:]):
        return f'"{command.text}" starts a server or watcher that keeps running'
    if _composes_in_foreground(program, words[1:]):
        return f'"{command.text}" runs the containers in the foreground until they are stopped'
    return None


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


def side_effect(command: Command) -> str | None:
    """Why running the command again and again would change something, or None."""
    words = command.words
    program = command.program
    text = command.text
    if (program in ("gitpod", "gp") and "open" in words) or (program == "gp" and words[1:2] == ["ports"]):
        return f'"{text}" opens a port'
    if installs(command):
        return f'"{text}" installs packages'
    if program in ("touch", "mkdir", "rm", "mv", "cp", "tee", "ln"):
        return f'"{text}" changes files'
    if any(word in ("migrate", "db:migrate", "db:seed", "seed") for word in words[1:]):
        return f'"{text}" changes the database'
    if program == "docker" and words[1:2] in (["run"], ["start"], ["compose"]):
        return f'"{text}" starts containers'
    for index, word in enumerate(words):
        target = _redirect_target(word, words[index + 1] if index + 1 < len(words) else "")
        if target is not None and target not in _HARMLESS_TARGETS and not target.startswith("&"):
            return f'"{text}" writes to {target}'
    return None


def _redirect_target(word: str, following: str) -> str | None:
    for operator in ("&>>", "&>", ">>", ">"):
        for prefix in ("", "1", "2"):
            if word.startswith(prefix + operator):
                target = word[len(prefix + operator) :]
                return target or following
    return None


def _unwrapped(command: Command) -> tuple[str, list[str]]:
    """The program and words of a command run through npx, pnpx or bunx (`npx playwright install`)."""
    words = command.words
    while len(words) > 1 and words[0].rsplit("/", 1)[-1] in _PACKAGE_RUNNERS:
        words = words[1:]
    return (words[0].rsplit("/", 1)[-1] if words else ""), words


def _compose_subcommand(words: list[str]) -> list[str]:
    """`docker compose` arguments from the subcommand on, past global options such as `-f file.yml`."""
    index = 0
    while index < len(words) and words[index].startswith("-"):
        index += 2 if words[index] in _COMPOSE_VALUE_OPTIONS else 1
    return words[index:]


def _has_flag(words: list[str], short: str, long: str) -> bool:
    """Whether `words` hold the flag as `--long`, `-x` or inside a cluster such as `-itd`."""
    for word in words:
        if word == long or word.startswith(long + "="):
            return True
        if word.startswith("-") and not word.startswith("--") and short in word[1:] and word[1:].isalpha():
            return True
    return False
