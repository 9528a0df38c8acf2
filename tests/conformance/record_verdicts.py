"""Record Ona's reader's verdict on every conformance case into verdicts.tsv, with the replica.

    ONA_READER=/path/to/ona-reader python tests/conformance/record_verdicts.py

Run it after adding a case (tests/conformance/cases/<name>.yaml) or after the descriptor in tests/data/ona/
changes, then review the diff of verdicts.tsv: tests/test_conformance.py holds the linter to it.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))

from reader import ENVIRONMENT, read, replica  # noqa: E402

CASES = HERE / "cases"
VERDICTS = HERE / "verdicts.tsv"
HEADER = "case\tverdict\treason (as Ona's reader replica gives it)\n"


def main() -> int:
    binary = replica()
    if binary is None:
        print(f"record_verdicts: set {ENVIRONMENT} to the reader replica's binary", file=sys.stderr)
        return 2
    cases = sorted(CASES.glob("*.yaml"))
    verdicts = read(binary, cases)
    lines = [f"{case.stem}\t{verdicts[case.name].word}\t{verdicts[case.name].reason}\n" for case in cases]
    VERDICTS.write_text(HEADER + "".join(lines), encoding="utf-8", newline="\n")
    print(f"recorded {len(lines)} verdicts in {VERDICTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
