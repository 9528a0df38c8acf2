"""Rewrite the golden files from the current output, then review the diff (`git diff tests README.md`) before
committing: the tests compare with these files and never write them.

    python tests/update_goldens.py                  # every kind
    python tests/update_goldens.py cases fixes      # only these kinds

Kinds: cases, fixes, formats, graph, snapshot, readme (tests/goldens.py says what each holds). Outputs that show
ShellCheck's findings are left as they are unless the ShellCheck here is the pinned one (helpers.SHELLCHECK_VERSION).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from goldens import KINDS, ROOT, read
from helpers import why_shellcheck_differs

# A finding of the shellcheck rule as an .out (`AL501 SC2086: ...`) or a .spans (`AL501 shellcheck`) shows it.
SHELLCHECK_FINDING = re.compile(r" AL501 (?:SC\d|shellcheck$)", re.M)


def shows_shellcheck(text: str | None) -> bool:
    return text is not None and SHELLCHECK_FINDING.search(text) is not None


def update(path: Path, text: str | None) -> bool:
    """Make `path` hold `text` (remove it for None); True when that changed it."""
    if read(path) == text:
        return False
    if text is None:
        path.unlink()
    else:
        path.write_bytes(text.encode("utf-8"))
    return True


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kinds", nargs="*", metavar="KIND", help=f"{', '.join(KINDS)} (default: all)")
    kinds = parser.parse_args(argv).kinds or list(KINDS)
    unknown = [kind for kind in kinds if kind not in KINDS]
    if unknown:
        parser.error(f"unknown kind {unknown[0]!r}: choose from {', '.join(KINDS)}")
    shellcheck_differs = why_shellcheck_differs()
    for kind in kinds:
        changed = kept = 0
        for path, text in KINDS[kind]():
            if shellcheck_differs and (shows_shellcheck(text) or shows_shellcheck(read(path))):
                kept += 1
                continue
            changed += update(path, text)
        note = f"; {kept} that show ShellCheck's findings left as they are: {shellcheck_differs}" if kept else ""
        print(f"{kind}: {changed} file{'' if changed == 1 else 's'} changed{note}")
    print(f"review the changes: git -C {ROOT} diff --stat")
    return 0


if __name__ == "__main__":
    sys.exit(main())
