"""How CI systems name a finding: a path relative to the repository root, and a fingerprint that stays the same
when lines are added or removed above the problem, so GitHub code scanning and GitLab keep tracking one finding
across commits instead of closing it and opening a new one."""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
from collections.abc import Sequence

from automations_lint.core.diagnostic import Diagnostic


def repository_path(path: str) -> str:
    """`path` relative to the working folder (the repository root in CI), with `/` separators and no `./`.

    Absolute paths outside the working folder stay absolute: there is no repository path to give them.
    """
    # A relative path too: `../repository/x.yaml`, given from inside the repository, is `x.yaml` there.
    try:
        relative = os.path.relpath(path)
    except (ValueError, OSError):  # another drive on Windows; a working folder that was deleted
        relative = path
    if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
        path = relative
    return posixpath.normpath(path.replace(os.sep, "/"))


def fingerprints(diagnostics: Sequence[Diagnostic]) -> list[str]:
    """One fingerprint per diagnostic: a hash of its file, rule, document path and message, never of its position.

    Findings that agree in all four (the same duplicate key three times in one mapping) are told apart by their
    order, so each stays a finding of its own where GitLab would merge equal fingerprints into one.
    """
    seen: dict[str, int] = {}
    result = []
    for diagnostic in diagnostics:
        identity = json.dumps(
            [repository_path(diagnostic.path), diagnostic.code, list(diagnostic.document_path), diagnostic.message],
            ensure_ascii=False,
        )
        occurrence = seen.get(identity, 0)
        seen[identity] = occurrence + 1
        # surrogatepass: a file name that is not UTF-8 is still hashed, from its lone surrogates.
        result.append(hashlib.sha256(f"{identity}\n{occurrence}".encode("utf-8", "surrogatepass")).hexdigest())
    return result
