"""What to process: arguments turned into documents, each identified by the sha256 of its bytes.

An argument is a file (read whatever its name), a folder (walked recursively for document
suffixes, hidden entries left out), a glob (`reports/**/*.pdf`), `-` (a document on standard
input) or `@-` / `@FILE` (a list of such arguments, one a line). Walking is careful with what a
scraped tree may hold: a symlink loop, a symlink leading out of the folder, a broken symlink and
a special file (FIFO, socket, device) are skipped with a record, never opened. Files with the same
bytes are one document listing every path.
"""

from __future__ import annotations

import glob
import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from pipeline.batch.records import ErrorRecord, SkipReason, SkipRecord
from pipeline.errors import ErrorCode

# Folders are walked for these; a file named on the command line is read whatever its name.
DOCUMENT_SUFFIXES = {".pdf", ".html", ".htm", ".txt", ".text", ".xhtml"}
STDIN = "-"
_GLOB_CHARS = set("*?[")


class InputError(Exception):
    """The arguments cannot be read as inputs (a usage error)."""


@dataclass
class Document:
    id: str
    size: int
    paths: list[str] = field(default_factory=list)
    data: bytes | None = None  # only for a document read from standard input


@dataclass
class Inputs:
    documents: dict[str, Document] = field(default_factory=dict)
    unreadable: list[ErrorRecord] = field(default_factory=list)
    skipped: list[SkipRecord] = field(default_factory=list)

    def add(self, path: str, sha256: str, size: int, data: bytes | None = None) -> None:
        document = self.documents.setdefault(sha256, Document(sha256, size, data=data))
        if path not in document.paths:
            document.paths.append(path)

    def fail(self, path: str, message: str) -> None:
        self.unreadable.append(ErrorRecord(id=None, paths=[path], code=ErrorCode.NOT_FOUND, stage="read",
                                           message=message))

    def skip(self, path: str, reason: SkipReason, detail: str) -> None:
        self.skipped.append(SkipRecord(path=path, reason=reason, detail=detail))

    def finish(self) -> Inputs:
        for document in self.documents.values():
            document.paths.sort()
        self.unreadable.sort(key=lambda e: e.paths)
        self.skipped.sort(key=lambda s: (s.path, s.reason))
        return self


def hash_file(path: str) -> tuple[str, int]:
    """sha256 and size of a regular file; never blocks on a FIFO swapped in after the walk."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise IsADirectoryError(21, "not a regular file")
        digest = hashlib.sha256()
        size = 0
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def collect(arguments: tuple[str, ...] | list[str], stdin: BinaryIO) -> Inputs:
    """Every document the arguments name, deduplicated by content, in a stable order."""
    inputs = Inputs()
    from_stdin = [a for a in arguments if a in (STDIN, "@-")]
    if len(from_stdin) > 1:
        raise InputError("standard input can be read once: give one of - and @-")
    for argument in _expand_lists(arguments, stdin):
        if argument == STDIN:
            data = stdin.read()
            inputs.add(STDIN, hashlib.sha256(data).hexdigest(), len(data), data)
        else:
            _add_argument(inputs, argument)
    return inputs.finish()


def _expand_lists(arguments: tuple[str, ...] | list[str], stdin: BinaryIO) -> Iterator[str]:
    for argument in arguments:
        if not argument.startswith("@") or argument == "@":
            yield argument
            continue
        source = argument[1:]
        try:
            raw = stdin.read() if source == STDIN else Path(source).read_bytes()
        except OSError as exc:
            raise InputError(f"{source}: cannot read the list of paths ({exc.strerror or exc})") from None
        # Lines are paths as they are: only the line ending is taken off.
        yield from (line for line in raw.decode("utf-8", errors="surrogateescape").splitlines() if line)


def _add_argument(inputs: Inputs, argument: str) -> None:
    if not os.path.lexists(argument) and _GLOB_CHARS & set(argument):
        matches = sorted(glob.glob(argument, recursive=True))
        if not matches:
            inputs.skip(argument, "no_match", "no file matches the pattern")
        for match in matches:
            _add_named(inputs, match)
        return
    _add_named(inputs, argument)


def _add_named(inputs: Inputs, name: str) -> None:
    """A path named by the user: followed if a symlink, walked if a folder."""
    try:
        info = os.stat(name)
    except FileNotFoundError:
        inputs.fail(name, "no such file" if not os.path.islink(name) else "a symbolic link to nothing")
        return
    except OSError as exc:
        inputs.fail(name, f"cannot read the file ({exc.strerror or exc})")
        return
    if stat.S_ISDIR(info.st_mode):
        _walk(inputs, Path(name))
    elif stat.S_ISREG(info.st_mode):
        _add_file(inputs, name)
    else:
        inputs.skip(name, "special_file", f"not a regular file ({_kind(info.st_mode)})")


def _add_file(inputs: Inputs, path: str) -> None:
    try:
        sha256, size = hash_file(path)
    except OSError as exc:
        inputs.fail(path, f"cannot read the file ({exc.strerror or exc})")
        return
    inputs.add(path, sha256, size)


def _walk(inputs: Inputs, root: Path) -> None:
    real_root = root.resolve()
    info = real_root.stat()
    _walk_folder(inputs, root, real_root, ancestors=[(info.st_dev, info.st_ino)], seen={(info.st_dev, info.st_ino)})


def _walk_folder(inputs: Inputs, folder: Path, real_root: Path, ancestors: list[tuple[int, int]],
                 seen: set[tuple[int, int]]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        inputs.fail(str(folder), f"cannot read the folder ({exc.strerror or exc})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_symlink():
            _follow_link(inputs, path, real_root, ancestors, seen)
        elif entry.is_dir(follow_symlinks=False):
            info = entry.stat(follow_symlinks=False)
            seen.add((info.st_dev, info.st_ino))
            _walk_folder(inputs, path, real_root, [*ancestors, (info.st_dev, info.st_ino)], seen)
        elif entry.is_file(follow_symlinks=False):
            if path.suffix.lower() in DOCUMENT_SUFFIXES:
                _add_file(inputs, str(path))
        else:
            mode = entry.stat(follow_symlinks=False).st_mode
            inputs.skip(str(path), "special_file", f"not a regular file ({_kind(mode)})")


def _follow_link(inputs: Inputs, path: Path, real_root: Path, ancestors: list[tuple[int, int]],
                 seen: set[tuple[int, int]]) -> None:
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        inputs.skip(str(path), "broken_symlink", f"leads to {os.readlink(path)}, which does not exist")
        return
    except (RuntimeError, OSError):  # ELOOP: the link leads round to itself
        inputs.skip(str(path), "symlink_loop", "the symbolic link leads round in a loop")
        return
    if not target.is_relative_to(real_root):
        inputs.skip(str(path), "symlink_outside", "the symbolic link leads outside the folder being read")
        return
    info = target.stat()
    if stat.S_ISDIR(info.st_mode):
        key = (info.st_dev, info.st_ino)
        if key in ancestors:
            inputs.skip(str(path), "symlink_loop", "the symbolic link leads back to a folder that contains it")
            return
        if key in seen:
            inputs.skip(str(path), "folder_already_read", "the symbolic link leads to a folder read already")
            return
        seen.add(key)
        _walk_folder(inputs, path, real_root, [*ancestors, key], seen)
    elif stat.S_ISREG(info.st_mode):
        if path.suffix.lower() in DOCUMENT_SUFFIXES:
            _add_file(inputs, str(path))
    else:
        inputs.skip(str(path), "special_file", f"the symbolic link leads to a {_kind(info.st_mode)}")


def _kind(mode: int) -> str:
    for test, name in [(stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
                       (stat.S_ISBLK, "block device")]:
        if test(mode):
            return name
    return "special file"
