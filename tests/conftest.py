"""Shared test setup: Hypothesis profiles, the real-world corpus, and a summary printed at the end of the run.

Hypothesis profiles: "ci" (the default) keeps the property tests to a few seconds each and runs the same examples
every time; "fuzz" runs many more, fresh ones each run, for a local hunt:

    HYPOTHESIS_PROFILE=fuzz python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import corpus_files as vendored_corpus_files
from hypothesis import HealthCheck, settings

# No test reads or writes a cache folder unless it asks to (tests/test_cache.py): many stub a rule or ShellCheck,
# and a cache would keep what the stub said. Children started by tests inherit it.
os.environ["AUTOMATIONS_LINT_NO_CACHE"] = "1"

settings.register_profile(
    "ci", max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz", max_examples=20_000, deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

_SUMMARY = pytest.StashKey[list[str]]()


# Golden files are written by `python tests/update_goldens.py`, never by a test run: these variables once made the
# tests write the file and then compare with it, so a stray one in CI would turn every golden check green.
RETIRED_UPDATE_VARIABLES = ("UPDATE_CASES", "UPDATE_FIXES", "UPDATE_GOLDEN", "UPDATE_SNAPSHOT", "UPDATE_README")


def pytest_configure(config: pytest.Config) -> None:
    stray = [name for name in RETIRED_UPDATE_VARIABLES if os.environ.get(name)]
    if stray:
        raise pytest.UsageError(
            f"{stray[0]} is set, but the tests never write golden files: unset it, and run "
            "python tests/update_goldens.py to rewrite them"
        )


@pytest.fixture(scope="session")
def corpus_files() -> list[Path]:
    """The corpus files in sorted order (helpers.corpus_files: a missing corpus fails the run, never skips)."""
    return vendored_corpus_files()


@pytest.fixture
def without_shellcheck(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Turn the shellcheck rule off: its findings depend on whether and which ShellCheck is installed, and it
    runs a process per file, too slow for thousands of examples."""
    from automations_lint.rules import shellcheck

    monkeypatch.setattr(shellcheck, "check", lambda document: iter(()))
    yield


@pytest.fixture
def terminal_summary(request: pytest.FixtureRequest) -> list[str]:
    """Lines a test adds here are printed in the summary at the end of the run, so they show in the CI log."""
    return request.config.stash.setdefault(_SUMMARY, [])


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    lines = config.stash.get(_SUMMARY, [])
    if lines:
        terminalreporter.section("real-world corpus")
        for line in lines:
            terminalreporter.write_line(line)
