"""The result cache: it never changes what `check` prints or exits with, whatever state its folder is in.

The rest of the suite runs without it (conftest sets AUTOMATIONS_LINT_NO_CACHE): many tests stub rules or
ShellCheck, and a cache would keep what a stub said. Here every run names its cache folder, and the comparison is
always with the same run under --no-cache.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shlex
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import CORPUS, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import documents, dump

from automations_lint.cache.store import TAG_NAME, Store
from automations_lint.cli.commands import cli
from automations_lint.engine.cache import ResultCache
from automations_lint.engine.config import Config
from automations_lint.engine.run import SourceFile, lint_files
from automations_lint.reporters import FORMATS
from automations_lint.rules import shellcheck as rule
from automations_lint.shell import shellcheck as runner

has_shellcheck = runner.find_binary() is not None
needs_shellcheck = pytest.mark.skipif(not has_shellcheck, reason="ShellCheck is not installed")
ENV = {"NO_COLOR": "1", "GITHUB_ACTIONS": "", "AUTOMATIONS_LINT_NO_CACHE": None, "AUTOMATIONS_LINT_CACHE_DIR": None}
CORPUS_FILES = sorted(CORPUS.iterdir())
SERVICE = "services:\n  web:\n    name: Web\n    commands:\n      start: cd $APP && npm start\n"
Outcome = tuple[int, str, str]


# ShellCheck's own answers, kept in memory for the uncached runs of this module (a script is checked once).
TRUTH: dict[str, list[runner.Comment]] = {}


def check(*args: str, cache: Path | None, cwd: Path | None = None) -> Outcome:
    """`check ARGS` with the cache in `cache` (None: --no-cache): exit code, stdout, stderr. A cached run starts
    with nothing in memory, so it reads the folder; an uncached one only ever sees ShellCheck's own answers."""
    options = ["--no-cache"] if cache is None else ["--cache-dir", str(cache)]
    previous = Path.cwd()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rule, "_RESULTS", TRUTH if cache is None else {})
        if cwd is not None:
            os.chdir(cwd)
        try:
            result = CliRunner().invoke(cli, ["check", *options, *args], env=ENV)
        finally:
            os.chdir(previous)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def entries(cache: Path, kind: str = "files") -> list[Path]:
    return sorted((cache / "v1" / kind).glob("*/*.json"))


@pytest.fixture
def scripts_checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every script handed to ShellCheck (the runner still runs it)."""
    checked: list[str] = []
    real = runner.check_scripts

    def counting(binary: str, scripts: Sequence[str], **options: object) -> list[list[runner.Comment]]:
        checked.extend(scripts)
        return real(binary, scripts, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "check_scripts", counting)
    return checked


# -- cached and uncached runs print the same, over real and generated files, edits and configuration changes --

CONFIGS = st.sampled_from(
    [
        None,
        'ignore = ["shellcheck"]\n',
        'select = ["shellcheck", "unknown-field", "syntax-error"]\n',
        '[severity]\nshellcheck = "error"\nunknown-field = "info"\n',
        '[per-file-ignores]\n"b/**" = ["shellcheck", "AL101"]\n',
    ]
)
INSERTS = st.sampled_from([" $HOME", "x", "\n", "'", '"', "  ", " # automations-lint: disable=shellcheck", ": "])
generated = st.builds(dump, documents(), flow=st.booleans())
texts = st.one_of(st.sampled_from(CORPUS_FILES).map(lambda path: path.read_text(encoding="utf-8")), generated)


def configure(folder: Path, config: str | None) -> None:
    path = folder / ".automations-lint.toml"
    if config is None:
        path.unlink(missing_ok=True)
    else:
        path.write_text(config, encoding="utf-8")


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=texts, data=st.data())
def test_cached_runs_print_exactly_what_uncached_runs_print(
    tmp_path_factory: pytest.TempPathFactory, text: str, data: st.DataObject
) -> None:
    position, insert = data.draw(st.floats(0, 1)), data.draw(INSERTS)
    first, second = data.draw(CONFIGS), data.draw(CONFIGS)
    folder = tmp_path_factory.mktemp("project")
    cache = tmp_path_factory.getbasetemp() / "shared-cache"  # shared by the examples: earlier ones leave entries
    output_format = data.draw(st.sampled_from(sorted(FORMATS)))
    paths = ("a/.ona/automations.yaml", "b/.ona/automations.yaml")
    for path in paths:  # the same text twice: one entry, given back under each path
        write(folder, path, text)
    arguments = ("--format", output_format, *paths)

    def same_either_way(step: str) -> None:
        uncached = check(*arguments, cache=None, cwd=folder)
        assert check(*arguments, cache=cache, cwd=folder) == uncached, step
        assert check(*arguments, cache=cache, cwd=folder) == uncached, f"{step}, warm"

    configure(folder, first)
    same_either_way("as it is")
    at = int(position * len(text))
    write(folder, paths[1], text[:at] + insert + text[at:])
    same_either_way("edited")
    configure(folder, second)
    same_either_way("configuration changed")


# -- what is cached, and what is not --


@needs_shellcheck
def test_editing_one_script_among_many_sends_only_that_script_to_shellcheck(
    tmp_path: Path, scripts_checked: list[str]
) -> None:
    chosen = [path for path in CORPUS_FILES if "command: |\n" in path.read_text(encoding="utf-8")][:12]
    for path in chosen:
        shutil.copy(path, tmp_path / path.name)
    names = [path.name for path in chosen]
    cache = tmp_path / "cache"
    cold = check(*names, cache=cache, cwd=tmp_path)
    assert len(scripts_checked) > 30
    scripts_checked.clear()
    assert check(*names, cache=cache, cwd=tmp_path) == cold
    assert scripts_checked == []  # warm: no ShellCheck at all
    edited = tmp_path / names[3]
    text = edited.read_text(encoding="utf-8")
    start = text.index("\n", text.index("command: |\n") + len("command: |\n"))  # the end of its first line
    edited.write_text(text[:start] + " $EDITED" + text[start:], encoding="utf-8")
    after = check(*names, cache=cache, cwd=tmp_path)
    assert len(scripts_checked) == 1 and " $EDITED\n" in scripts_checked[0]
    assert after == check(*names, cache=None, cwd=tmp_path)


@needs_shellcheck
def test_shellcheck_failing_or_timing_out_is_not_remembered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scripts_checked: list[str]
) -> None:
    write(tmp_path, "a.yaml", SERVICE)
    cache = tmp_path / "cache"

    def failing(binary: str, scripts: Sequence[str], **options: object) -> list[list[runner.Comment]]:
        raise runner.ShellcheckError("out of memory")

    with monkeypatch.context() as patch:
        patch.setattr(runner, "check_scripts", failing)
        _, out, _ = check("a.yaml", cache=cache, cwd=tmp_path)
    assert "could not check" in out
    assert entries(cache) == [] and entries(cache, "scripts") == []
    assert check("a.yaml", cache=cache, cwd=tmp_path) == check("a.yaml", cache=None, cwd=tmp_path)
    assert "SC2086" in check("a.yaml", cache=cache, cwd=tmp_path)[1]


def test_the_note_about_a_missing_shellcheck_comes_from_the_cache_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runner, "find_binary", lambda: None)
    write(tmp_path, "a.yaml", SERVICE)
    cold = check("a.yaml", cache=tmp_path / "cache", cwd=tmp_path)
    assert "not installed" in cold[1]
    assert check("a.yaml", cache=tmp_path / "cache", cwd=tmp_path) == cold == check("a.yaml", cache=None, cwd=tmp_path)
    assert len(entries(tmp_path / "cache")) == 1


def test_fix_and_diff_never_use_a_whole_file_entry(tmp_path: Path) -> None:
    """An entry that says the file is clean (as a tampered one could) changes neither what --fix writes nor what
    --diff prints."""
    text = "tasks:\n  build:\n    name: Build\n    command: make\n    triggers: [manual]\n"
    path = write(tmp_path, "a.yaml", text)
    cache = tmp_path / "cache"
    check("a.yaml", cache=cache, cwd=tmp_path)
    (entry,) = entries(cache)
    stored = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps({**stored, "diagnostics": []}), encoding="utf-8")
    assert check("a.yaml", cache=cache, cwd=tmp_path)[0] == 0  # the tampered entry is believed by check...
    diff = check("--diff", "a.yaml", cache=cache, cwd=tmp_path)
    assert diff == check("--diff", "a.yaml", cache=None, cwd=tmp_path) and "+    triggeredBy" in diff[1]
    check("--fix", "a.yaml", cache=cache, cwd=tmp_path)
    assert "triggeredBy: [manual]" in path.read_text(encoding="utf-8")  # ...but not by --fix


def test_fixes_come_back_from_the_cache_exactly(tmp_path: Path) -> None:
    text = "tasks:\n  build:\n    name: Build\n    command: make\n    triggers: [manual]\n    dependsOn: [biuld]\n"
    files = [SourceFile(text, "a.yaml")]
    cache = ResultCache(str(tmp_path))
    cold = lint_files(files, cache=cache).files[0].diagnostics
    assert any(d.fix is not None for d in cold)
    assert lint_files(files, cache=cache).files[0].diagnostics == cold == lint_files(files).files[0].diagnostics
    write(tmp_path, "a.yaml", text)
    for output_format in ("sarif", "json"):
        arguments = ("--format", output_format, "a.yaml")
        assert check(*arguments, cache=tmp_path / "c", cwd=tmp_path) == check(*arguments, cache=None, cwd=tmp_path)


# -- the folder: missing, corrupt, read-only, shared by processes, bounded, cleaned --

CORRUPTIONS = {
    "empty": b"",
    "cut short": None,  # the first half of the sound entry
    "not JSON": b"\x00\xff garbage",
    "not UTF-8 JSON": b'{"key": "\xff"}',
    "nested deeper than the parser goes": b"[" * 100_000,
    "another key": None,  # a sound entry of another file
    "a bool for a line": None,
    "an unknown rule code": None,
    "a name that is not the code's": None,
    "an unknown severity": None,
    "too short a diagnostic": None,
    "a fix with its end before its start": None,
    "a list for the whole entry": b"[]",
    "a notice no rule makes": None,
    "a notice that is not text": None,
}


def corrupt(sound: bytes, other: bytes, how: str) -> bytes:
    fixed = CORRUPTIONS[how]
    if fixed is not None:
        return fixed
    if how == "cut short":
        return sound[: len(sound) // 2]
    if how == "another key":
        return other
    entry = json.loads(sound)
    first = entry["diagnostics"][0]
    if how == "a bool for a line":
        first[0] = True
    elif how == "an unknown rule code":
        first[4] = "AL999"
    elif how == "a name that is not the code's":
        first[5] = "shellcheck"
    elif how == "an unknown severity":
        first[6] = "fatal"
    elif how == "too short a diagnostic":
        del first[-1]
    elif how == "a notice no rule makes":
        entry["notices"] = [["shellcheck-missing", "forged"]]
    elif how == "a notice that is not text":
        entry["notices"] = [[["shellcheck-missing"], {}]]
    elif how == "a fix with its end before its start":
        fixed_one = next(item for item in entry["diagnostics"] if item[10] is not None)
        fixed_one[10][2][0][:2] = [5, 1]
    return json.dumps(entry).encode()


BROKEN = "tasks:\n  build:\n    name: Build\n    command: make\n    triggers: [manual]\n    dependsOn: [biuld]\n"


@pytest.mark.parametrize("how", sorted(CORRUPTIONS))
def test_a_corrupt_entry_is_a_miss_and_is_written_again(tmp_path: Path, how: str) -> None:
    write(tmp_path, "a.yaml", BROKEN)
    write(tmp_path, "b.yaml", SERVICE)
    cache = tmp_path / "cache"
    expected = check("--format", "json", "a.yaml", cache=None, cwd=tmp_path)
    check("a.yaml", "b.yaml", cache=cache, cwd=tmp_path)
    by_size = sorted(entries(cache), key=lambda path: len(path.read_bytes()))
    other, sound = by_size[0], by_size[-1]  # BROKEN's entry is the larger one
    sound.write_bytes(corrupt(sound.read_bytes(), other.read_bytes(), how))
    assert check("--format", "json", "a.yaml", cache=cache, cwd=tmp_path) == expected
    assert check("--format", "json", "a.yaml", cache=cache, cwd=tmp_path) == expected
    assert json.loads(sound.read_bytes())["key"] == sound.parent.name + sound.stem  # written again, whole


def test_a_tampered_message_is_shown_but_cannot_forge_a_line(tmp_path: Path) -> None:
    """At worst a tampered entry gives a wrong verdict for that exact text; it never runs code, and what it says
    is escaped like any message."""
    write(tmp_path, "a.yaml", BROKEN)
    cache = tmp_path / "cache"
    check("a.yaml", cache=cache, cwd=tmp_path)
    (entry,) = entries(cache)
    stored = json.loads(entry.read_bytes())
    stored["diagnostics"][0][7] = "forged\n::error file=x::owned\x1b[31m"
    entry.write_text(json.dumps(stored), encoding="utf-8")
    _, out, _ = check("--format", "github", "a.yaml", cache=cache, cwd=tmp_path)
    assert "forged" in out and "\n::error file=x" not in out and "\x1b" not in out


def test_a_missing_folder_is_made_and_an_impossible_one_is_a_normal_run(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", BROKEN)
    expected = check("a.yaml", cache=None, cwd=tmp_path)
    deep = tmp_path / "no" / "such" / "folder"
    assert check("a.yaml", cache=deep, cwd=tmp_path) == expected
    assert len(entries(deep)) == 1 and (deep / TAG_NAME).is_file() and (deep / ".gitignore").is_file()
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert check("a.yaml", cache=blocked / "cache", cwd=tmp_path) == expected
    assert check("a.yaml", cache=blocked, cwd=tmp_path) == expected


@needs_shellcheck
def test_a_read_only_folder_is_still_read_and_never_fails_a_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scripts_checked: list[str]
) -> None:
    """As on a read-only mount: every change under the folder fails (root ignores file modes, so chmod cannot show
    this here); the entries there are still read."""
    write(tmp_path, "a.yaml", SERVICE)
    write(tmp_path, "b.yaml", SERVICE.replace("npm start", "yarn start"))
    cache = tmp_path / "cache"
    expected = check("a.yaml", "b.yaml", cache=None, cwd=tmp_path)
    check("a.yaml", cache=cache, cwd=tmp_path)
    for path in cache.rglob("*.json"):  # old enough to be refreshed on a hit: a write, refused too
        os.utime(path, (1_000_000, 1_000_000))
    before = {path: path.read_bytes() for path in cache.rglob("*") if path.is_file()}
    scripts_checked.clear()
    with monkeypatch.context() as patch:
        for name in ("open", "mkdir", "makedirs", "utime", "replace", "unlink"):
            patch.setattr(os, name, _read_only_under(cache, getattr(os, name)))
        assert check("a.yaml", "b.yaml", cache=cache, cwd=tmp_path) == expected
        assert check("a.yaml", "b.yaml", cache=cache, cwd=tmp_path) == expected
    assert scripts_checked == ["cd $APP && yarn start"] * 2  # a.yaml came from the folder both times
    assert {path: path.read_bytes() for path in cache.rglob("*") if path.is_file()} == before


def _read_only_under(folder: Path, real: Callable[..., object]) -> Callable[..., object]:
    """`real` (an os function taking a path first), failing as on a read-only mount for changes under `folder`."""
    import errno

    def changing(path: object, *args: object, **kwargs: object) -> object:
        creating = real is not os.open or bool(args and isinstance(args[0], int) and args[0] & os.O_CREAT)
        if creating and str(path).startswith(str(folder)):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real(path, *args, **kwargs)

    return changing


def _check_in_child(arguments: tuple[str, str, list[str]]) -> Outcome:
    cwd, cache, names = arguments
    os.environ.pop("AUTOMATIONS_LINT_NO_CACHE", None)
    return check("--format", "json", *names, cache=Path(cache), cwd=Path(cwd))


def test_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    """Four processes check overlapping sets of files into one empty folder at the same moment."""
    names = []
    for index in range(16):
        write(tmp_path, f"{index}.yaml", SERVICE.replace("npm start", f"npm start -- {index} $PORT"))
        names.append(f"{index}.yaml")
    cache = tmp_path / "cache"
    work = [(str(tmp_path), str(cache), names[start::2]) for start in range(2)] * 2
    context = multiprocessing.get_context("spawn" if os.name == "nt" else "fork")
    with context.Pool(4) as pool:
        outcomes = pool.map(_check_in_child, work)
    for (_, _, chosen), outcome in zip(work, outcomes, strict=True):
        assert outcome == check("--format", "json", *chosen, cache=None, cwd=tmp_path)
    assert not list(cache.rglob("*.tmp"))
    stored = ResultCache(str(cache))
    files = [((tmp_path / name).read_text(encoding="utf-8"), name, Config()) for name in names]
    assert all(stored.store.read(key) is not None for key in {stored.key(*file) for file in files})
    assert len(entries(cache, "scripts")) == len(names)


def _hammer(arguments: tuple[str, int]) -> int:
    """Write and read the same few keys many times; count reads that saw something neither whole nor absent."""
    root, seed = arguments
    store = Store(root, "test", most_entries=256 * 64, largest=1 << 20)
    bad = 0
    for round_ in range(200):
        key = f"{(round_ + seed) % 8:064x}"
        store.write(key, {"key": key, "payload": [seed] * 1000})
        found = store.read(f"{(round_ + seed + 3) % 8:064x}")
        if found is not None and not (len(found["payload"]) == 1000 and len(set(found["payload"])) == 1):  # type: ignore[arg-type]
            bad += 1
    return bad


def test_readers_never_see_half_an_entry_while_others_write(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn" if os.name == "nt" else "fork")
    with context.Pool(4) as pool:
        assert pool.map(_hammer, [(str(tmp_path), seed) for seed in range(4)]) == [0, 0, 0, 0]
    assert len(list((tmp_path / "v1" / "test").glob("*/*.json"))) == 8


def test_the_folder_is_bounded_and_keeps_what_was_used_last(tmp_path: Path) -> None:
    store = Store(str(tmp_path), "test", most_entries=256 * 8, largest=1024)  # 8 in each of 256 subfolders
    keys = [f"00{index:062x}" for index in range(40)]  # all in the same subfolder
    for index, key in enumerate(keys[:8]):
        store.write(key, {"key": key})
        os.utime(store._path(key), (1_000_000 + index, 1_000_000 + index))
    assert store.read(keys[0]) == {"key": keys[0]}  # a hit on an old entry makes it the most recently used
    store.write(keys[8], {"key": keys[8]})  # one too many: down to 6, the least recently used gone
    assert sorted(os.listdir(tmp_path / "v1" / "test" / "00")) == sorted(k[2:] + ".json" for k in [keys[0], *keys[4:9]])
    for key in keys[9:]:
        store.write(key, {"key": key})
        assert len(os.listdir(tmp_path / "v1" / "test" / "00")) <= 8
    oversized = "01" + "0" * 62
    store.write(oversized, {"key": oversized, "big": "x" * 2000})
    assert store.read(oversized) is None


def test_no_cache_and_the_environment_turn_it_off(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", BROKEN)
    cache = tmp_path / "cache"
    check("a.yaml", cache=None, cwd=tmp_path)
    assert not cache.exists()
    for environ in ({"AUTOMATIONS_LINT_NO_CACHE": "1"}, {"AUTOMATIONS_LINT_NO_CACHE": "true"}):
        result = CliRunner().invoke(cli, ["check", "--cache-dir", str(cache), str(tmp_path / "a.yaml")], env=environ)
        assert result.exit_code == 1 and not cache.exists()
    environ = {**ENV, "AUTOMATIONS_LINT_CACHE_DIR": str(cache)}
    assert CliRunner().invoke(cli, ["check", str(tmp_path / "a.yaml")], env=environ).exit_code == 1
    assert len(entries(cache)) == 1


def test_clean_removes_the_cache_folder_and_nothing_else(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", BROKEN)
    cache = tmp_path / "cache"
    check("a.yaml", cache=cache, cwd=tmp_path)
    done = CliRunner().invoke(cli, ["clean", "--cache-dir", str(cache)], env=ENV)
    assert (done.exit_code, done.stdout) == (0, f"removed the cache folder {cache}\n") and not cache.exists()
    done = CliRunner().invoke(cli, ["clean"], env={**ENV, "AUTOMATIONS_LINT_CACHE_DIR": str(cache)})
    assert (done.exit_code, done.stdout) == (0, f"no cache folder at {cache}\n")
    done = CliRunner().invoke(cli, ["clean", "--cache-dir", str(tmp_path)], env=ENV)
    assert done.exit_code == 2 and "left alone" in done.stderr and (tmp_path / "a.yaml").exists()


@needs_shellcheck
def test_the_language_server_reads_shellcheck_answers_from_the_folder(
    tmp_path: Path, scripts_checked: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its lint on open and save (the same engine call, ShellCheck's processes allowed) finds the answers `check`
    kept, and starts no ShellCheck (server/command.py hands the rule the folder for the server's life)."""
    from automations_lint.cache.scripts import ScriptCache
    from automations_lint.engine.config import Config
    from automations_lint.server.state import lint

    write(tmp_path, "a.yaml", SERVICE)
    check("a.yaml", cache=tmp_path / "cache", cwd=tmp_path)
    scripts_checked.clear()
    monkeypatch.setattr(rule, "_RESULTS", {})
    with rule.storing(ScriptCache(str(tmp_path / "cache"))):
        found = lint(SERVICE, "a.yaml", Config(), run_programs=True).files[0].diagnostics
    assert [d.message[:6] for d in found if d.code == rule.CODE] == ["SC2086"] and scripts_checked == []


@needs_shellcheck
def test_shellcheck_is_asked_its_version_once_per_binary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scripts_checked: list[str]
) -> None:
    from automations_lint.cache import scripts

    asked: list[str] = []
    real = scripts.version

    def counting(binary: str, asking: object = None) -> str | None:
        asked.append(binary)
        return real(binary, asking)

    monkeypatch.setattr(scripts, "version", counting)
    first = shellcheck_itself()
    monkeypatch.setattr(runner, "find_binary", lambda: first)
    write(tmp_path, "a.yaml", SERVICE)
    cache = tmp_path / "cache"
    expected = check("a.yaml", cache=None, cwd=tmp_path)
    for _ in range(2):
        assert check("a.yaml", cache=cache, cwd=tmp_path) == expected
    assert asked == [first]
    copy = tmp_path / "bin" / "shellcheck"  # another binary (path, size, time): asked again
    copy.parent.mkdir()
    shutil.copy2(first, copy)
    monkeypatch.setattr(runner, "find_binary", lambda: str(copy))
    scripts_checked.clear()
    assert check("a.yaml", cache=cache, cwd=tmp_path) == expected
    assert asked == [first, str(copy)]
    assert scripts_checked == []  # the same version: the same entries


def shellcheck_itself() -> str:
    """The ShellCheck binary found, or, when that is a launcher (pyenv's shim comes first on PATH when this
    environment is used without being activated), the wheel's binary beside this Python."""
    import sysconfig

    from automations_lint.cache.scripts import is_launcher

    found = runner.find_binary()
    if found is not None and not is_launcher(found):
        return found
    wheel = os.path.join(sysconfig.get_path("scripts"), "shellcheck")
    if not os.path.isfile(wheel) or is_launcher(wheel):
        pytest.skip("no ShellCheck binary that is not a launcher")
    return wheel


@needs_shellcheck
def test_a_launcher_is_asked_its_version_every_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pyenv shim or a wrapper script stays the same file while the ShellCheck it starts is upgraded: its
    answers are kept by the version it reports on each run, so the upgrade is followed at once."""
    real = runner.find_binary()
    assert real is not None
    reported = tmp_path / "reported-version"
    reported.write_text("0.11.0", encoding="utf-8")
    launcher = tmp_path / "bin" / "shellcheck"
    launcher.parent.mkdir()
    answer = f'printf "ShellCheck\\nversion: %s\\n" "$(cat {shlex.quote(str(reported))})"'
    launcher.write_text(
        f'#!/bin/sh\nif [ "$1" = --version ]; then {answer}; exit 0; fi\nexec {shlex.quote(real)} "$@"\n',
        encoding="utf-8",
    )
    launcher.chmod(0o755)
    monkeypatch.setattr(runner, "find_binary", lambda: str(launcher))
    write(tmp_path, "a.yaml", SERVICE)
    cache = tmp_path / "cache"
    expected = check("a.yaml", cache=None, cwd=tmp_path)
    assert check("a.yaml", cache=cache, cwd=tmp_path) == expected
    assert len(entries(cache)) == 1
    reported.write_text("0.12.0", encoding="utf-8")  # the shim now starts another ShellCheck
    assert check("a.yaml", cache=cache, cwd=tmp_path) == expected
    assert len(entries(cache)) == 2 and len(entries(cache, "scripts")) == 2


def test_what_counts_as_a_launcher(tmp_path: Path) -> None:
    from automations_lint.cache.scripts import is_launcher

    binary = tmp_path / "shellcheck"
    binary.write_bytes(b"\x7fELF\x02\x01")
    script = tmp_path / "shim" / "shellcheck"
    script.parent.mkdir()
    script.write_bytes(b"#!/usr/bin/env bash\nexec pyenv exec shellcheck\n")
    snap = tmp_path / "snap"
    snap.write_bytes(b"\x7fELF\x02\x01")
    linked = tmp_path / "links" / "shellcheck"
    linked.parent.mkdir()
    linked.symlink_to(snap)
    assert [is_launcher(str(path)) for path in (binary, script, linked)] == [False, True, True]


@needs_shellcheck
def test_shellcheck_settings_of_its_own_make_new_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SHELLCHECK_OPTS and a shellcheckrc change ShellCheck's answers without changing the file: the cache
    follows them."""
    write(tmp_path, "a.yaml", SERVICE)
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("SHELLCHECK_OPTS", raising=False)
    plain = check("a.yaml", cache=cache, cwd=tmp_path)
    assert "SC2086" in plain[1]
    monkeypatch.setenv("SHELLCHECK_OPTS", "--exclude=SC2086")
    TRUTH.clear()
    quiet = check("a.yaml", cache=None, cwd=tmp_path)
    assert "SC2086" not in quiet[1]
    assert check("a.yaml", cache=cache, cwd=tmp_path) == quiet
    monkeypatch.delenv("SHELLCHECK_OPTS")
    assert check("a.yaml", cache=cache, cwd=tmp_path) == plain
    write(tmp_path, "config/shellcheckrc", "disable=SC2086\n")
    TRUTH.clear()
    assert check("a.yaml", cache=cache, cwd=tmp_path) == check("a.yaml", cache=None, cwd=tmp_path) == quiet
    TRUTH.clear()
