"""Configuration: `[tool.automations-lint]` in pyproject.toml, or `.automations-lint.toml`, found as ruff finds its.

For each checked file, the nearest folder (walking up from the file's own) that holds `.automations-lint.toml`, or
a `pyproject.toml` with a `[tool.automations-lint]` table, gives the configuration; `.automations-lint.toml` wins
in the same folder, and the search stops at the first one found. Nothing is merged across folders.

Keys: `select` and `ignore` (lists of rule codes or names), `severity` (a table: rule = "error" | "warning" |
"info") and `per-file-ignores` (a table: glob = list of rules, the glob matched against the file's path relative
to the configuration file's folder). Every mistake is a ConfigError whose one-line message names the file and key.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from automations_lint.core.diagnostic import SEVERITIES, Diagnostic, Severity
from automations_lint.core.suggest import closest, quoted_list
from automations_lint.rules.registry import BY_CODE, BY_NAME, find

CONFIG_FILE = ".automations-lint.toml"
PYPROJECT = "pyproject.toml"
TOOL = "automations-lint"
KEYS = ("select", "ignore", "severity", "per-file-ignores")
_RULES_EXAMPLE = '["AL101", "unknown-reference"]'


class ConfigError(Exception):
    """A configuration file that cannot be read or is invalid; the message is one line, ready for stderr."""


class Config(NamedTuple):
    """Which rules run on which files, and at what severity. The default enables every rule as it is."""

    # Rule codes; None selects every rule.
    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = MappingProxyType({})  # read-only: one shared empty default is safe
    # (glob, codes) pairs; a glob is matched against the path relative to `root`.
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    # The folder of the configuration file, None without one.
    root: Path | None = None

    def with_options(self, *, select: frozenset[str] | None, ignore: frozenset[str]) -> Config:
        """The command line's --select/--ignore layered over the file's, as ruff layers them: --select replaces
        the file's selection and its ignore list; --ignore adds to the ignore list."""
        if select is not None:
            return self._replace(select=select, ignore=ignore)
        return self._replace(ignore=self.ignore | ignore)

    def enabled(self, path: str) -> frozenset[str]:
        """The codes of the rules that run on the file at `path` (a label such as "<stdin>" matches no glob)."""
        codes = (self.select if self.select is not None else frozenset(BY_CODE)) - self.ignore
        relative = self._relative(path)
        if relative is not None:
            for pattern, ignored in self.per_file_ignores:
                if glob_matches(pattern, relative):
                    codes -= ignored
        return codes

    def apply(self, diagnostics: Iterable[Diagnostic], path: str) -> list[Diagnostic]:
        """The diagnostics of enabled rules, with the configured severities."""
        enabled = self.enabled(path)
        kept = [diagnostic for diagnostic in diagnostics if diagnostic.code in enabled]
        if not self.severity:
            return kept
        return [d._replace(severity=self.severity[d.code]) if d.code in self.severity else d for d in kept]

    def _relative(self, path: str) -> str | None:
        if self.root is None or (path.startswith("<") and path.endswith(">")):
            return None
        relative = os.path.relpath(os.path.abspath(path), self.root)
        if relative == ".." or relative.startswith(".." + os.sep):
            return None  # outside the configuration's folder: no glob of it applies
        return Path(relative).as_posix()


def load_config(start: Path, explicit: Path | None = None, isolated: bool = False) -> Config:
    """The configuration for files in the folder `start`: `explicit` when given, else the nearest file."""
    return ConfigFinder(explicit=explicit, isolated=isolated).for_folder(start)


class ConfigFinder:
    """Configurations for one run: the nearest one to each checked file, each folder searched and file read once."""

    def __init__(
        self,
        *,
        explicit: Path | None = None,
        isolated: bool = False,
        select: frozenset[str] | None = None,
        ignore: frozenset[str] = frozenset(),
    ) -> None:
        self._explicit = explicit
        self._isolated = isolated
        self._select = select
        self._ignore = ignore
        self._nearest: dict[Path, Path | None] = {}  # folder -> its nearest configuration file
        self._read: dict[Path, Config | None] = {}  # file -> its configuration (None: a pyproject without ours)

    def for_file(self, path: str) -> Config:
        """The configuration for the file at `path` ("<stdin>" and other labels: the current folder's)."""
        label = path.startswith("<") and path.endswith(">")
        try:
            folder = Path.cwd() if label else Path(os.path.abspath(path)).parent
        except OSError:  # the working folder was deleted under the run: there is no folder to search from
            return self.for_folder(None)
        return self.for_folder(folder)

    def for_folder(self, folder: Path | None) -> Config:
        """The configuration for files in `folder`, with the command line's --select and --ignore applied (for
        None, no folder: only --config's file is read)."""
        if self._isolated:
            found = Config()
        elif self._explicit is not None:
            found = self._config(self._explicit, required=True) or Config()
        elif folder is None:
            found = Config()
        else:
            nearest = self._find(Path(os.path.abspath(folder)))
            found = (self._config(nearest) if nearest else None) or Config()
        return found.with_options(select=self._select, ignore=self._ignore)

    def _find(self, folder: Path) -> Path | None:
        visited: list[Path] = []
        nearest: Path | None = None
        for current in (folder, *folder.parents):
            if current in self._nearest:
                nearest = self._nearest[current]
                break
            visited.append(current)
            nearest = self._in_folder(current)
            if nearest is not None:
                break
        for current in visited:
            self._nearest[current] = nearest
        return nearest

    def _in_folder(self, folder: Path) -> Path | None:
        own = folder / CONFIG_FILE
        if own.is_file():
            return own
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and self._config(pyproject) is not None:
            return pyproject
        return None

    def _config(self, path: Path, *, required: bool = False) -> Config | None:
        if path not in self._read:
            self._read[path] = read_config(path, required=required)
        return self._read[path]


def read_config(path: Path, *, required: bool = False) -> Config | None:
    """The configuration in the file at `path`; None for a pyproject.toml without our table, unless `required`."""
    from automations_lint.source.files import read_regular_file

    try:
        # Never blocks: a FIFO or a device given as --config is "not a regular file", not a hang.
        text = read_regular_file(str(path)).decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise ConfigError(f"cannot read configuration file {_display(path)}: {reason}") from None
    is_pyproject = path.name == PYPROJECT
    # Most pyproject.toml files do not mention us: skip them without importing or running a TOML parser.
    if is_pyproject and TOOL not in text and not required:
        return None
    data = _parse_toml(text, path)
    if not is_pyproject:
        return _parse(data, path, where="")
    table = data.get("tool", {}).get(TOOL) if isinstance(data.get("tool"), dict) else None
    if table is None:
        if required:
            raise _invalid(path, f"no [tool.{TOOL}] table")
        return None
    if not isinstance(table, dict):
        raise _invalid(path, f"[tool.{TOOL}] must be a table")
    return _parse(table, path, where=f" in [tool.{TOOL}]")


def rule_codes(names: Iterable[str], *, where: str = "") -> frozenset[str]:
    """The codes of rules given by code or name; ValueError naming the first unknown one."""
    codes = set()
    for name in names:
        rule = find(name)
        if rule is None:
            raise ValueError(unknown_rule(name, where))
        codes.add(rule.CODE)
    return frozenset(codes)


def unknown_rule(name: str, where: str = "") -> str:
    """`unknown rule "x"`, where it was, and the closest rule name or code."""
    match = closest(name, [*BY_NAME, *BY_CODE])
    return f'unknown rule "{name}"{where}' + (f' (did you mean "{match}"?)' if match else "")


def glob_matches(pattern: str, relative: str) -> bool:
    """Whether a per-file-ignores glob matches a POSIX relative path: `*` and `?` stay within a folder, `**` spans
    folders, and a pattern without "/" also matches the file name alone (as in ruff and .gitignore)."""
    regex = _glob_regex(pattern.removeprefix("./"))
    return bool(regex.fullmatch(relative)) or (
        "/" not in pattern and bool(regex.fullmatch(relative.rsplit("/", 1)[-1]))
    )


@lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    parts: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            parts.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("**", index):
            parts.append(".*")
            index += 2
            continue
        end = pattern.find("]", index + 2) if char == "[" else -1
        if end > 0:
            body = pattern[index + 1 : end].replace("\\", "\\\\")
            parts.append("[^" + body[1:] + "]" if body.startswith("!") else "[" + body + "]")
            index = end + 1
            continue
        parts.append({"*": "[^/]*", "?": "[^/]"}.get(char, re.escape(char)))
        index += 1
    return re.compile("".join(parts))


# -- validation -------------------------------------------------------------------------------------------------
def _parse(table: dict[str, Any], path: Path, *, where: str) -> Config:
    for key in table:
        if key not in KEYS:
            match = closest(key, KEYS)
            hint = f'did you mean "{match}"?' if match else f"expected {quoted_list(KEYS)}"
            raise _invalid(path, f'unknown key "{key}"{where} ({hint})')
    select = table.get("select")
    return Config(
        select=None if select is None else _rules(table, "select", path),
        ignore=_rules(table, "ignore", path),
        severity=_severities(table.get("severity", {}), path),
        per_file_ignores=_per_file_ignores(table.get("per-file-ignores", {}), path),
        root=Path(os.path.abspath(path)).parent,
    )


def _rules(table: dict[str, Any], key: str, path: Path, *, label: str | None = None) -> frozenset[str]:
    value = table.get(key, [])
    label = label or f'"{key}"'
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _invalid(path, f"{label} must be a list of rule codes or names, such as {_RULES_EXAMPLE}")
    try:
        return rule_codes(value, where=f" in {label}")
    except ValueError as error:
        raise _invalid(path, str(error)) from None


def _severities(value: object, path: Path) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise _invalid(path, f'"severity" must be a table of rule = {quoted_list(SEVERITIES)}')
    severities: dict[str, Severity] = {}
    for name, severity in value.items():
        rule = find(name)
        if rule is None:
            raise _invalid(path, unknown_rule(name, ' in "severity"'))
        if severity not in SEVERITIES:
            raise _invalid(path, f'"severity.{name}" must be {quoted_list(SEVERITIES)}, not {_show(severity)}')
        severities[rule.CODE] = severity
    return severities


def _per_file_ignores(value: object, path: Path) -> tuple[tuple[str, frozenset[str]], ...]:
    if not isinstance(value, dict):
        example = f'"legacy/**" = {_RULES_EXAMPLE}'
        raise _invalid(path, f'"per-file-ignores" must be a table of glob = list of rules, such as {example}')
    for pattern in value:
        try:
            _glob_regex(pattern.removeprefix("./"))
        except re.error as error:
            raise _invalid(path, f'"per-file-ignores" entry "{pattern}" is not a valid glob: {error}') from None
    return tuple(
        (pattern, _rules(value, pattern, path, label=f'"per-file-ignores" entry "{pattern}"')) for pattern in value
    )


def _parse_toml(text: str, path: Path) -> dict[str, Any]:
    # Imported here: most runs find no configuration file, and the parser is not needed at all.
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _invalid(path, f"not valid TOML: {error}") from None


def _invalid(path: Path, detail: str) -> ConfigError:
    return ConfigError(f"invalid configuration in {_display(path)}: {detail}")


def _display(path: Path) -> str:
    """The path as short as it is clear: relative to the current folder when it is below it."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return absolute if relative.startswith("..") else relative


def _show(value: object) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value).lower() if isinstance(value, bool) else repr(value)
