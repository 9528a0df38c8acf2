"""Every link and repository path in the documentation leads somewhere inside a clone of this repository.

A stranger reads the README and docs/ in a clone with nothing beside it: a link to `../examples/...` from the
README, or to `schemas/...` from docs/, lands on nothing. This test reads every Markdown file of the repository,
takes each link (`[text](target)` and `[label]: target`) and each inline code span that names a repository path
(one that starts with a top-level file or folder of the repository, or with `../`), and fails when the target is
outside the repository or not in it. Links to web addresses are left alone. Fenced code blocks are commands and
sample output, not links, and are skipped; so are code spans holding placeholders (`tests/cases/<rule>/`) or globs.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# A fence opens with three backticks (and no backtick after them on the line) or three tildes, and closes with
# at least as many of the same.
_FENCE = re.compile(r"^( {0,3})(`{3,}(?=[^`\n]*$)|~{3,}).*?^\1\2[`~]*[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_INLINE_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
# A code span that is one word of path characters with at least one `/`: `schemas/automations.schema.json`.
_PATH_LIKE = re.compile(r"[\w.-]+(?:/[\w.-]+)*/?")

# Lines another contributor is rewriting at the same time. Each entry must still be found, so that it is removed
# as soon as it is mended.
PENDING: set[tuple[str, str]] = set()


def repository_files() -> set[str]:
    """The files a clone holds: tracked, plus new ones not ignored (a change in progress), as posix paths."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {name for name in listed.split("\0") if name and (ROOT / name).exists()}


FILES = repository_files()
FOLDERS = {str(parent.as_posix()) for name in FILES for parent in Path(name).parents if str(parent) != "."}
TOP_LEVEL = {name.split("/", 1)[0] for name in FILES}
DOCUMENTS = sorted(name for name in FILES if name.endswith(".md") and not name.startswith("tests/corpus/files/"))


def references(markdown: str) -> list[tuple[str, str]]:
    """(kind, target) of every link and every repository path in inline code, outside fenced code blocks."""
    prose = _FENCE.sub("", markdown)
    found = [("code", span.group(2).strip()) for span in _CODE_SPAN.finditer(prose)]
    without_code = _CODE_SPAN.sub("", prose)
    found += [("link", match.group(1)) for match in _INLINE_LINK.finditer(without_code)]
    found += [("link", match.group(1)) for match in _REFERENCE.finditer(without_code)]
    return [(kind, target) for kind, target in found if kind == "link" or names_a_repository_path(target)]


def names_a_repository_path(span: str) -> bool:
    """Whether an inline code span is a path in this repository rather than a command, a value or a user's path."""
    if "/" not in span or not _PATH_LIKE.fullmatch(span):
        return False
    return span.startswith("../") or span.split("/", 1)[0] in TOP_LEVEL


def problem(document: str, kind: str, target: str) -> str | None:
    """Why `target`, written in `document`, does not resolve inside a clone; None when it does."""
    if kind == "link" and (_SCHEME.match(target) or target.startswith("#")):
        return None  # a web address or an anchor in the same page
    path = target.split("#", 1)[0]
    base = Path(document).parent if kind == "link" else Path()
    resolved = (ROOT / base / path).resolve()
    if not resolved.is_relative_to(ROOT):
        return "points outside the repository"
    relative = resolved.relative_to(ROOT).as_posix()
    if relative not in FILES and relative not in FOLDERS:
        return "is not in the repository"
    return None


def test_the_documents_are_found() -> None:
    assert {"README.md", "docs/ci.md", "docs/editors.md", "docs/corpus.md"} <= set(DOCUMENTS)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_link_and_path_resolves_inside_the_repository(document: str) -> None:
    markdown = (ROOT / document).read_text(encoding="utf-8")
    broken = [
        f"{document}: {kind} {target!r} {why}"
        for kind, target in references(markdown)
        if (document, target) not in PENDING and (why := problem(document, kind, target)) is not None
    ]
    assert not broken, "\n".join(broken)


def test_pending_exceptions_are_still_needed() -> None:
    for document, target in PENDING:
        text = (ROOT / document).read_text(encoding="utf-8")
        assert target in text, f"{target} is gone from {document}: remove it from PENDING in {__file__}"


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("See [the schema](schemas/automations.schema.json).", [("link", "schemas/automations.schema.json")]),
        ("[ref]: ../examples/x.yaml", [("link", "../examples/x.yaml")]),
        ("The model is in `automations_lint/schema/model.py`.", [("code", "automations_lint/schema/model.py")]),
        ("Outside: `../workbench/corpus/`.", [("code", "../workbench/corpus/")]),
        # A user's file, a command, a placeholder and a glob are not repository paths.
        ("`.ona/automations.yaml`, `pip install -e .`, `tests/cases/<rule>/`, `legacy/**`", []),
        # A fenced block is sample output, and a link written inside inline code is text.
        ("```\n[x](../nowhere)\n```\nand `[y](../nowhere)`", []),
    ],
)
def test_references_are_read_from_prose_only(markdown: str, expected: list[tuple[str, str]]) -> None:
    assert references(markdown) == expected


def test_a_link_out_of_the_repository_is_reported() -> None:
    assert problem("README.md", "link", "../examples/.ona/automations.yaml") == "points outside the repository"
    assert problem("docs/editors.md", "link", "schemas/automations.schema.json") == "is not in the repository"
    assert problem("docs/editors.md", "link", "../schemas/automations.schema.json") is None
    assert problem("docs/editors.md", "link", "https://www.schemastore.org") is None
