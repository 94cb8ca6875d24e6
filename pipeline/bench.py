"""The benchmark: end-to-end speed against pdfplumber, start-up, memory, growth, stages and F1."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    print("the benchmark is not written yet", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
