"""Record Ona's reader's verdict on every conformance case (into verdicts.tsv) and on every real file of
tests/corpus (into corpus_verdicts.tsv), with the replica.

    ONA_READER=/path/to/ona-reader python tests/conformance/record_verdicts.py

Run it after adding a case (tests/conformance/cases/<name>.yaml) or a corpus file, or after the descriptor in
tests/data/ona/ changes, then review the diffs: tests/test_conformance.py holds the linter to both files.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))

from reader import ENVIRONMENT, read, replica  # noqa: E402

CASES = HERE / "cases"
CORPUS = HERE.parent / "corpus" / "files"
HEADER = "{column}\tverdict\treason (as Ona's reader replica gives it)\n"


def main() -> int:
    binary = replica()
    if binary is None:
        print(f"record_verdicts: set {ENVIRONMENT} to the reader replica's binary", file=sys.stderr)
        return 2
    record(binary, sorted(CASES.glob("*.yaml")), HERE / "verdicts.tsv", column="case")
    record(binary, sorted(CORPUS.iterdir()), HERE / "corpus_verdicts.tsv", column="file")
    return 0


def record(binary: str, files: list[Path], into: Path, *, column: str) -> None:
    verdicts = read(binary, files)
    lines = []
    for path in files:
        name = path.stem if column == "case" else path.name
        lines.append(f"{name}\t{verdicts[path.name].word}\t{verdicts[path.name].reason}\n")
    into.write_text(HEADER.format(column=column) + "".join(lines), encoding="utf-8", newline="\n")
    print(f"recorded {len(lines)} verdicts in {into}")


if __name__ == "__main__":
    sys.exit(main())
