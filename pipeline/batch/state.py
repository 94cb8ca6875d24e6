"""The output folder's state: what is done, kept so that SIGKILL at any moment loses nothing.

    OUT/.council-facts/lock                   held (fcntl) by the one run writing to OUT
    OUT/.council-facts/records/KEY/SHA.json   one ledger record per document, KEY = settings_key

A record is written atomically (temporary file in the same folder, fsync, rename) as soon as its
document finishes, so a killed run keeps every finished document and a rerun does only the rest.
Records carry no input paths, which belong to a run: the dataset is rebuilt from the records and
the run's inputs, so an interrupted-and-resumed run converges on the bytes of an uninterrupted one.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
from pathlib import Path
from typing import IO

from pipeline.batch.records import Record
from pipeline.batch.texts import TEXTS_DIR
from pipeline.output import TEMP_PREFIX, write_atomic

STATE_DIR = ".council-facts"
_RECORD_NAME = re.compile(r"^[0-9a-f]{64}\.json$")
_KEY_NAME = re.compile(r"^[0-9a-f]{16}$")


class OutputError(Exception):
    """The output folder cannot be written: the environment is broken (exit status 1)."""


class OutputRefused(Exception):
    """The output folder is one we will not write to (exit status 2)."""


def records_dir(out: Path, key: str) -> Path:
    return out / STATE_DIR / "records" / key


def save_record(directory: Path, record: Record) -> None:
    """Store one document's record; also what each Dask partition calls on its own."""
    write_atomic(directory / f"{record['id']}.json",
                 json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")


class Store:
    """The ledger records of one settings key."""

    def __init__(self, out: Path, key: str) -> None:
        self.key = key
        self.dir = records_dir(out, key)

    def has(self, sha256: str) -> bool:
        return (self.dir / f"{sha256}.json").is_file()

    def load(self, sha256: str) -> Record:
        path = self.dir / f"{sha256}.json"
        try:
            record: Record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise OutputError(f"{path}: cannot read a stored record ({exc}); delete it and run again") from exc
        return record

    def failed(self, sha256: str) -> bool:
        return bool(self.load(sha256)["status"] == "error")

    def save(self, record: Record) -> None:
        save_record(self.dir, record)

    def prune(self) -> None:
        """Records of other pipeline versions or settings will never be read again."""
        for other in self.dir.parent.iterdir():
            if other != self.dir and _KEY_NAME.match(other.name) and other.is_dir() and not other.is_symlink():
                shutil.rmtree(other, ignore_errors=True)


class OutputFolder:
    """The run's hold on OUT: refuses what is unsafe, locks, and sweeps a killed run's leftovers."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.state = out / STATE_DIR
        self._lock: IO[bytes] | None = None

    def __enter__(self) -> OutputFolder:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open(self) -> None:
        for path in (self.out, self.out / "documents", self.out / TEXTS_DIR, self.state, self.state / "records"):
            if path.is_symlink():  # writing through it would put files wherever it points
                raise OutputRefused(f"{path}: the output folder is a symbolic link; give the real folder")
        try:
            (self.state / "records").mkdir(parents=True, exist_ok=True)
            self._lock = open(self.state / "lock", "ab")  # noqa: SIM115 - held open for the whole run
        except OSError as exc:
            raise OutputError(f"{self.out}: cannot write output ({exc.strerror or exc})") from exc
        try:
            # A POSIX record lock: released when this process dies, never inherited by workers.
            fcntl.lockf(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.close()
            raise OutputError(f"{self.out}: another council-facts run is writing to this folder") from None
        self.sweep()

    def close(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def sweep(self) -> None:
        """Remove the temporary files of a run that was killed while writing."""
        folders = [self.out, self.out / "documents", self.out / TEXTS_DIR, *(self.state / "records").glob("*")]
        for folder in folders:
            if folder.is_dir() and not folder.is_symlink():
                for leftover in folder.glob(f"{TEMP_PREFIX}*.tmp"):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(leftover)

    def probe(self, text: str) -> None:
        """Write the run's settings: an output folder that cannot take a file fails here, before any
        document is read, so nothing is marked failed for what is the environment's fault."""
        try:
            write_atomic(self.state / "settings.json", text)
        except OSError as exc:
            raise OutputError(f"{self.out}: cannot write output ({exc.strerror or exc})") from exc


def is_record_name(name: str) -> bool:
    return bool(_RECORD_NAME.match(name))
