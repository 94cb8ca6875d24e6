"""Writing results: atomically, so a file in the output folder is complete or absent."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

TEMP_PREFIX = ".council-facts-"


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename it over."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp's 0600 would hide results from the group
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def output_name(source_name: str) -> str:
    """A safe file name for a document's output; never a path.

    >>> output_name("../../etc/passwd"), output_name("Report 7 (final).pdf")
    ('passwd.json', 'Report_7_final_.pdf.json')
    """
    base = Path(source_name.replace("\\\\", "/")).name or "document"
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", base).lstrip(".") or "document"
    return safe[:150] + ".json"
