"""End to end: the hook in .pre-commit-hooks.yaml, built and run by the real pre-commit in a temporary git
repository, as a user's repository runs it.

`pre-commit try-repo PATH` clones PATH at HEAD. With uncommitted changes it commits a temporary copy of the staged
and the modified tracked files (`git add -u`), which leaves new files out until someone stages them. So these tests
commit a snapshot of this checkout's working tree (every file git sees: tracked, or untracked and not ignored)
into a repository of their own and point pre-commit at it: they test the working tree as it is, in a clean CI
clone as in a checkout in the middle of a change.

Each test builds the hook's environment once (a virtualenv and a pip install of this package, about 10 s with a
warm pip cache); that needs the package index. They are marked e2e: deselect them locally with `-m "not e2e"`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The documents that show a .pre-commit-config.yaml, with the placeholders a user fills in.
DOCUMENTS = ("README.md", "docs/ci.md")
CLONE, COMMIT = "/path/to/automations-lint", "COMMIT"
BROKEN = "tasks:\n  build:\n    name: Build\n    command: npm run build\n    triggers: [manual]\n"
VALID = "tasks:\n  build:\n    name: Build\n    command: npm run build\n    triggeredBy: [manual]\n"
DIAGNOSTIC = '.ona/automations.yaml:5:5: error AL101 unknown field "triggers" in task "build" [unknown-field]'


@pytest.fixture(scope="module")
def environ(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a user's shell, without what the test run's own git, CI or hook settings would add."""
    leaking = ("GIT_", "PRE_COMMIT", "GITHUB_ACTIONS", "FORCE_COLOR", "SKIP")
    clean = {key: value for key, value in os.environ.items() if not key.startswith(leaking)}
    return {
        **clean,
        # No global or system git config: a gpg signing or a core.hooksPath setting would change what commit does.
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        "NO_COLOR": "1",
    }


@pytest.fixture(scope="module")
def hook_repository(tmp_path_factory: pytest.TempPathFactory, environ: dict[str, str]) -> tuple[Path, str]:
    """A repository holding one commit: this checkout's working tree. Returns its path and commit."""
    snapshot = tmp_path_factory.mktemp("hook-repository")
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard", environ=environ)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # skips files deleted in the working tree and submodule folders
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name, follow_symlinks=False)
    git(snapshot, "init", "--quiet", environ=environ)
    git(snapshot, "add", "--all", environ=environ)
    git(snapshot, "commit", "--quiet", "--message", "snapshot of the working tree", environ=environ)
    return snapshot, git(snapshot, "rev-parse", "HEAD", environ=environ).strip()


def git(cwd: Path, *args: str, environ: dict[str, str]) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=environ, check=True, capture_output=True, text=True).stdout


def run(cwd: Path, *args: str, environ: dict[str, str]) -> tuple[int, str]:
    """Run a command as a user would; its exit code and its output, stderr included."""
    done = subprocess.run(
        args, cwd=cwd, env=environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False
    )
    return done.returncode, done.stdout


def user_repository(path: Path, files: dict[str, str], environ: dict[str, str]) -> Path:
    git(path, "init", "--quiet", environ=environ)
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text, encoding="utf-8")
    return path


@pytest.mark.e2e
def test_try_repo_checks_only_automations_files_and_shows_the_diagnostics(
    tmp_path: Path, hook_repository: tuple[Path, str], environ: dict[str, str]
) -> None:
    files = {
        ".ona/automations.yaml": BROKEN,
        ".gitpod/automations.yml": VALID,
        # Not where Ona reads automations from: the hook's `files` pattern leaves it alone.
        "docs/automations.yaml": BROKEN,
    }
    repository = user_repository(tmp_path, files, environ)
    git(repository, "add", "--all", environ=environ)
    code, output = run(
        repository,
        *(sys.executable, "-m", "pre_commit", "try-repo", str(hook_repository[0]), "automations-lint"),
        "--color=never",
        environ=environ,
    )
    assert code == 1, output
    assert "automations-lint" in output and "Failed" in output
    assert DIAGNOSTIC in output
    assert '= hint: did you mean "triggeredBy"?' in output
    assert "Found 1 error in 1 file (2 files checked)." in output
    assert "docs/automations.yaml" not in output


@pytest.mark.e2e
def test_a_broken_file_blocks_the_commit_until_it_is_fixed(
    tmp_path: Path, hook_repository: tuple[Path, str], environ: dict[str, str]
) -> None:
    path, rev = hook_repository
    config = f"repos:\n  - repo: {path}\n    rev: {rev}\n    hooks:\n      - id: automations-lint\n"
    repository = user_repository(
        tmp_path, {".pre-commit-config.yaml": config, ".ona/automations.yaml": BROKEN}, environ
    )
    code, output = run(repository, sys.executable, "-m", "pre_commit", "install", environ=environ)
    assert code == 0, output
    git(repository, "add", "--all", environ=environ)

    code, output = run(repository, "git", "commit", "--message", "add automations", environ=environ)
    assert code != 0, output
    assert DIAGNOSTIC in output
    assert run(repository, "git", "rev-parse", "--verify", "--quiet", "HEAD", environ=environ)[0] != 0

    (repository / ".ona/automations.yaml").write_text(VALID, encoding="utf-8")
    git(repository, "add", "--all", environ=environ)
    code, output = run(repository, "git", "commit", "--message", "add automations", environ=environ)
    assert code == 0, output
    assert "automations-lint" in output and "Passed" in output


def documented_configs() -> list[tuple[str, str]]:
    """(document, snippet) of every .pre-commit-config.yaml shown in the README and docs/ci.md."""
    found = []
    for document in DOCUMENTS:
        text = (ROOT / document).read_text(encoding="utf-8")
        found += [(document, block) for block in re.findall(r"```yaml\n(repos:\n.*?)```", text, re.S)]
    return found


def test_the_documents_show_both_kinds_of_hook() -> None:
    kinds = [("repo: local" in snippet, document) for document, snippet in documented_configs()]
    assert sorted(kinds) == [(False, "README.md"), (False, "docs/ci.md"), (True, "README.md"), (True, "docs/ci.md")]


@pytest.mark.e2e
@pytest.mark.parametrize(("document", "snippet"), documented_configs())
def test_each_documented_config_blocks_a_broken_file_and_passes_a_valid_one(
    document: str, snippet: str, tmp_path: Path, hook_repository: tuple[Path, str], environ: dict[str, str]
) -> None:
    """The snippet as written, with the clone's path and commit filled in; the `local` hook finds the linter on
    PATH, as after `pipx install .` (here: the environment running the tests)."""
    path, rev = hook_repository
    config = snippet.replace(CLONE, str(path)).replace(f"rev: {COMMIT}", f"rev: {rev}")
    on_path = {**environ, "PATH": os.pathsep.join((str(Path(sys.executable).parent), environ.get("PATH", "")))}
    repository = user_repository(
        tmp_path, {".pre-commit-config.yaml": config, ".ona/automations.yaml": BROKEN}, environ
    )
    git(repository, "add", "--all", environ=environ)
    command = (sys.executable, "-m", "pre_commit", "run", "--all-files", "--color=never")
    code, output = run(repository, *command, environ=on_path)
    assert code == 1, output
    assert DIAGNOSTIC in output

    (repository / ".ona/automations.yaml").write_text(VALID, encoding="utf-8")
    git(repository, "add", "--all", environ=environ)
    code, output = run(repository, *command, environ=on_path)
    assert code == 0, output
    assert "automations-lint" in output and "Passed" in output
