"""Fault injection, for the tests of the batch engine only.

The tests need documents that hang, allocate without bound and kill their worker, to show that
each becomes E_TIMEOUT, E_MEMORY or E_CRASH while the run goes on. Real documents that do so
are hard to make on purpose, so a worker started with COUNCIL_FACTS_FAULTS=1 in its environment
obeys a document whose bytes begin with `COUNCIL-FACTS-FAULT:<kind>`. Without that variable
(every production run) the check is never made and such a document is ordinary text.
"""

from __future__ import annotations

import os
import signal
import time

ENVIRONMENT_VARIABLE = "COUNCIL_FACTS_FAULTS"
MARKER = b"COUNCIL-FACTS-FAULT:"
KINDS = ("hang", "allocate", "crash")


def enabled() -> bool:
    return os.environ.get(ENVIRONMENT_VARIABLE) == "1"


def fault_document(kind: str, unique: str = "") -> bytes:
    """The bytes of a document that makes a worker misbehave (used by tests)."""
    assert kind in KINDS
    return MARKER + kind.encode() + b"\n" + unique.encode() + b"\n"


def inject(data: bytes) -> None:
    """Misbehave as the document asks; return at once for any other document."""
    if not data.startswith(MARKER):
        return
    kind = data[len(MARKER):].split(b"\n", 1)[0].decode(errors="replace")
    if kind == "hang":
        while True:
            time.sleep(3600)
    elif kind == "allocate":
        hoard = []
        while True:  # ends in MemoryError under the worker's address-space limit
            hoard.append(bytearray(32 * 2**20))
    elif kind == "crash":
        os.kill(os.getpid(), signal.SIGKILL)
