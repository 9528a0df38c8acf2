"""What the output formats do with inputs the goldens do not hold: text beyond ASCII, a diagnostic without a hint,
repeated findings, paths outside the repository, --strict, colour, and the project's address in SARIF."""

from __future__ import annotations

import hashlib
import json
from email.message import Message
from pathlib import Path

import pytest
from helpers import diagnostic

from automations_lint.core.diagnostic import Diagnostic
from automations_lint.reporters import Report, reporter
from automations_lint.reporters.github import escape_data
from automations_lint.reporters.identity import fingerprints, repository_path

UNICODE_MESSAGE = 'unknown field "tâche" in task "build"'


def render(output_format: str, *diagnostics: Diagnostic, **options: object) -> str:
    paths = {d.path: "" for d in diagnostics}
    return reporter(output_format)(Report(diagnostics, len(paths), paths, **options))  # type: ignore[arg-type]


@pytest.mark.parametrize("output_format", ["json", "sarif", "gitlab"])
def test_text_beyond_ascii_is_written_as_itself(output_format: str) -> None:
    output = render(output_format, diagnostic(message=UNICODE_MESSAGE))
    assert 'tâche' in output and "\\u00e2" not in output
    assert json.loads(output)  # still JSON


def test_the_closing_line_counts_each_severity_present() -> None:
    from automations_lint.reporters.terminal import summary

    found = [diagnostic(), diagnostic(severity="warning"), diagnostic(severity="info", path="b.yaml")]
    assert summary([*found, found[1]], 3) == "Found 1 error, 2 warnings and 1 note in 2 files (3 files checked).\n"
    assert summary(found[1:], 2) == "Found 1 warning and 1 note in 2 files (2 files checked).\n"


def test_without_a_hint_the_message_stands_alone() -> None:
    plain = diagnostic(hint=None)
    [issue] = json.loads(render("gitlab", plain))
    assert issue["description"] == 'AL101 unknown field "triggers" in task "build"'
    [result] = json.loads(render("sarif", plain))["runs"][0]["results"]
    assert result["message"]["text"] == 'unknown field "triggers" in task "build"'
    # JUnit lists the diagnostic without a hint line.
    failure = '.ona/automations.yaml:3:5: error AL101 unknown field "triggers" in task "build" [unknown-field]\n'
    assert f'type="AL101">{failure}</failure>' in render("junit", plain)
    hinted = diagnostic(hint='did you mean "triggeredBy"?')
    [issue] = json.loads(render("gitlab", hinted))
    assert issue["description"] == 'AL101 unknown field "triggers" in task "build"; did you mean "triggeredBy"?'


def _expected_fingerprint(found: Diagnostic, occurrence: int) -> str:
    """The documented recipe: SHA-256 of the JSON array [path, code, document path, message] as UTF-8 (characters
    beyond ASCII as themselves), a line break and the occurrence."""
    identity = json.dumps([found.path, found.code, list(found.document_path), found.message], ensure_ascii=False)
    return hashlib.sha256(f"{identity}\n{occurrence}".encode()).hexdigest()


def test_fingerprints_are_stable_and_count_repeats() -> None:
    """GitLab and GitHub track a finding by its fingerprint: a change would reopen every finding in every project.
    Equal findings get the same hash with their occurrence, 0, 1, 2, appended."""
    same = diagnostic(message=UNICODE_MESSAGE)
    other = diagnostic()
    found = fingerprints([same, other, same, same])
    assert found == [
        _expected_fingerprint(same, 0),
        _expected_fingerprint(other, 0),
        _expected_fingerprint(same, 1),
        _expected_fingerprint(same, 2),
    ]
    assert found[0] == "efc8405c1e9ba3c8c7de57548bfd3a35554322729fc0fdcf920e5b027ab79613"


def test_repository_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repository = tmp_path / "repository"
    repository.mkdir()
    monkeypatch.chdir(repository)
    assert repository_path(str(repository / ".ona" / "automations.yaml")) == ".ona/automations.yaml"
    assert repository_path("./.ona/automations.yaml") == ".ona/automations.yaml"
    assert repository_path("../repository/.ona/automations.yaml") == ".ona/automations.yaml"
    assert repository_path("../elsewhere/./automations.yaml") == "../elsewhere/automations.yaml"
    outside = str(tmp_path / "elsewhere" / "automations.yaml")
    assert repository_path(outside) == outside  # no repository path to give it: it stays absolute
    assert repository_path(str(tmp_path)) == str(tmp_path)
    repository.rmdir()  # a working folder deleted under the run: paths are kept as given
    assert repository_path("./.ona/automations.yaml") == ".ona/automations.yaml"


def test_github_escapes_what_would_end_a_command() -> None:
    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"


@pytest.mark.parametrize(("strict", "failures"), [(False, "0"), (True, "1")])
def test_junit_strict_fails_warnings_and_still_fails_errors(strict: bool, failures: str) -> None:
    warning = diagnostic(path="w.yaml", severity="warning")
    error = diagnostic(path="e.yaml")
    output = render("junit", warning, error, strict=strict)
    assert f'<testsuites name="automations-lint" tests="2" failures="{int(failures) + 1}"' in output
    assert output.count("<failure ") == int(failures) + 1


def test_concise_is_coloured_when_asked() -> None:
    assert "\x1b[" in render("concise", diagnostic(), color=True)
    assert "\x1b[" not in render("concise", diagnostic(), color=False)


def test_the_frame_escapes_a_control_character_and_drops_trailing_blanks() -> None:
    """A span of no width at a control character underlines the whole escape that stands for it."""
    from automations_lint.reporters.text import frame

    at_bell = diagnostic(line=3, column=12, end_line=3, end_column=12)
    assert frame(at_bell, "    name: A\x07b   ", color=False) == [
        "  |",
        "3 |     name: A\\x07b",
        "  |            ^^^^",
    ]


def test_the_frame_is_coloured_when_asked() -> None:
    from automations_lint.reporters.text import frame

    warning = diagnostic(line=3, column=5, end_line=3, end_column=7, severity="warning")
    bar = "\x1b[2m|\x1b[0m"
    assert frame(warning, "    ab", color=True) == [f"  {bar}", f"3 {bar}     ab", f"  {bar}     \x1b[1;33m^^\x1b[0m"]


def test_the_text_report_in_colour_with_a_hint_a_fix_and_notes() -> None:
    """Every part of the text report is painted when colour is asked for; a frame is drawn on a file's last line."""
    from automations_lint.core.diagnostic import Edit, Fix
    from automations_lint.source.lines import Lines

    fix = Fix('rename "triggers" to "triggeredBy"', (Edit(4, 12, "triggeredBy"),))
    found = diagnostic(line=1, column=5, end_line=1, end_column=13, hint="a hint", fix=fix)
    report = Report([found], 1, {found.path: Lines("tasks:triggers")}, color=True, notes=("one", "two"))
    bold, cyan, dim, red, reset = "\x1b[1m", "\x1b[36m", "\x1b[2m", "\x1b[1;31m", "\x1b[0m"
    bar = f"{dim}|{reset}"
    assert reporter("text")(report) == (
        f"{bold}.ona/automations.yaml:1:5:{reset} {red}error{reset} {bold}AL101{reset} "
        'unknown field "triggers" in task "build" [unknown-field]\n'
        f"  {bar}\n1 {bar} tasks:triggers\n  {bar}     {red}^^^^^^^^{reset}\n"
        f"  = {cyan}hint{reset}: a hint\n"
        f'  = {cyan}fix{reset}: rename "triggers" to "triggeredBy" (fixable with --fix)\n'
        "\nFound 1 error in 1 file (1 file checked).\n1 fixable with --fix.\n"
        f"{dim}note: one{reset}\n{dim}note: two{reset}\n"
    )


def _metadata(entries: list[str]) -> Message:
    message = Message()
    for entry in entries:
        message["Project-URL"] = entry
    return message


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ([], None),
        (["Homepage, https://example.org/home"], "https://example.org/home"),
        (["Documentation, https://example.org/docs", "Source, https://example.org/src"], "https://example.org/src"),
        (["Issues, https://example.org/issues", "Repository, https://example.org/repo"], "https://example.org/repo"),
        (["Source, https://example.org/src", "homepage ,  https://example.org/a,b "], "https://example.org/a,b"),
    ],
)
def test_sarif_names_the_project_address_from_the_package_metadata(
    entries: list[str], expected: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.metadata

    def metadata(name: str) -> Message:
        if name != "automations-lint":
            raise importlib.metadata.PackageNotFoundError(name)
        return _metadata(entries)

    monkeypatch.setattr(importlib.metadata, "metadata", metadata)
    driver = json.loads(render("sarif", diagnostic()))["runs"][0]["tool"]["driver"]
    assert driver.get("informationUri") == expected


def test_sarif_of_a_source_tree_never_installed_names_no_address(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    def metadata(name: str) -> Message:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "metadata", metadata)
    driver = json.loads(render("sarif", diagnostic()))["runs"][0]["tool"]["driver"]
    assert (driver["name"], "informationUri" in driver) == ("automations-lint", False)
