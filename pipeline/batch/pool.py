"""A small process pool of our own, because a batch must outlive any one document.

`concurrent.futures.ProcessPoolExecutor` marks the whole pool broken when one worker dies, and
`multiprocessing.Pool` cannot time out a single task. Here each worker is a plain subprocess
(`python -m pipeline.batch.worker`) speaking JSON lines; the parent waits on their answer pipes
with a selector and enforces what a worker cannot enforce on itself:

- a wall-clock limit per document: past it the worker is killed, the document is E_TIMEOUT;
- death: a worker that dies mid-document (a crash, the OOM killer, someone's kill -9) is
  replaced and the document tried once more in a fresh worker; a second death is E_CRASH, so
  a document that kills every worker cannot take the run down, and an outside kill loses nothing;
- recycling: a worker is retired after `recycle_after` documents, or after running out of
  memory, so that memory creep and fragmentation do not accumulate over thousands of documents.

The memory limit itself is the worker's own (RLIMIT_AS, see worker.limit_memory): an allocation
past it fails with MemoryError, which the worker reports as E_MEMORY.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import signal
import subprocess
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pipeline.batch.records import error_record
from pipeline.batch.settings import PACKAGE_DIR, Settings
from pipeline.batch.worker import Done, Task
from pipeline.errors import ErrorCode


def default_workers() -> int:
    """One worker per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


STARTUP_TIMEOUT = 120.0  # importing spaCy on a loaded CI machine
START_ATTEMPTS = 3  # consecutive workers dying before they are ready: the environment is broken
FEED_POLL = 0.05  # seconds between looks at a feed for new tasks
# A feed returns the tasks that arrived since it was last asked, and whether more may come.
Feed = Callable[[], tuple[list[Task], bool]]
CRASH_ATTEMPTS = 2  # a document is given this many workers before it is E_CRASH
EXIT_GRACE = 5.0  # seconds a retired worker gets to exit before it is killed


@dataclass(frozen=True)
class Limits:
    timeout: float = 120.0
    max_memory: int = 2 * 2**30
    recycle_after: int = 200


LONG_DOCUMENT = 5_000_000  # bytes past which a timeout message says how long texts take
SECONDS_PER_MB = 4  # one worker reads a long report-like text at about 290,000 characters a second


def timeout_message(timeout: float, size: int) -> str:
    """What E_TIMEOUT says; for a long document, what timeout it would need.

    >>> timeout_message(120, 40_000)
    'took longer than 120 s; the worker was stopped'
    >>> timeout_message(120, 100_000_000)
    'took longer than 120 s; the worker was stopped (a document of 100 MB: about 400 s, give it --timeout)'
    """
    message = f"took longer than {timeout:g} s; the worker was stopped"
    if size >= LONG_DOCUMENT:
        needed = SECONDS_PER_MB * size / 1_000_000
        message += f" (a document of {size / 1_000_000:.0f} MB: about {needed:.0f} s, give it --timeout)"
    return message


class PoolError(Exception):
    """Workers cannot be started: the environment is broken, not any document."""


class _Worker:
    def __init__(self, command: list[str], env: dict[str, str], log_path: Path) -> None:
        self.log_path = log_path
        # Answers come on a pipe of their own: whatever a library prints goes to the log and can
        # never be taken for a message.
        self.fd, answers = os.pipe()
        try:
            with open(log_path, "wb") as log:
                self.proc = subprocess.Popen([*command, str(answers)], stdin=subprocess.PIPE, stdout=log, stderr=log,
                                             env=env, close_fds=True, pass_fds=(answers,))
        except BaseException:
            os.close(self.fd)
            raise
        finally:
            os.close(answers)
        assert self.proc.stdin is not None
        self.stdin = self.proc.stdin
        os.set_blocking(self.fd, False)
        self.buffer = bytearray()
        self.ready = False
        self.since = time.monotonic()  # of starting, then of the current task
        self.task: Task | None = None
        self.done = 0

    def assign(self, task: Task) -> None:
        self.task, self.since = task, time.monotonic()
        try:
            self.stdin.write(json.dumps(task.to_json()).encode() + b"\n")
            self.stdin.flush()
        except BrokenPipeError:
            pass  # it died; its end of file follows and the task is retried

    def read(self) -> tuple[list[dict[str, Any]], bool]:
        """The complete messages that arrived, and whether the worker has closed its end."""
        try:
            chunk = os.read(self.fd, 1 << 20)
        except BlockingIOError:
            return [], False
        self.buffer += chunk
        if chunk and b"\n" not in chunk:
            # A long document's record comes in many reads: splitting the whole buffer at each
            # one would copy it over and over, quadratic in the record's length.
            return [], False
        *lines, rest = self.buffer.split(b"\n")
        self.buffer = bytearray(rest)
        return [json.loads(line) for line in lines if line.strip()], not chunk

    def stop(self, *, kill: bool) -> None:
        with contextlib.suppress(OSError):
            self.stdin.close()  # end of input: an idle worker exits by itself
        if kill:
            self.proc.kill()
        try:
            self.proc.wait(EXIT_GRACE)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.fd)
        with contextlib.suppress(OSError):
            if self.log_path.stat().st_size == 0:  # a log worth keeping says why a worker failed
                self.log_path.unlink()

    def how_it_ended(self) -> str:
        code = self.proc.returncode
        if code is not None and code < 0:
            with contextlib.suppress(ValueError):
                how = f"killed by {signal.Signals(-code).name}"
                return how + (", perhaps out of memory" if code == -signal.SIGKILL else "")
            return f"killed by signal {-code}"
        how = f"exited with status {code}"
        with contextlib.suppress(OSError):
            lines = [ln for ln in self.log_path.read_bytes()[-2000:].decode(errors="replace").splitlines() if ln]
            if lines:
                how += f": {lines[-1][:200]}"
        return how


class WorkerPool:
    """`run(tasks)` yields one Done per task, in the order they finish."""

    def __init__(self, size: int, settings: Settings, limits: Limits, log_dir: Path) -> None:
        self.size = size
        self.limits = limits
        self.log_dir = log_dir
        self.started = 0  # workers started, replacements and recycling included
        config = {"settings": settings.to_json(), "max_memory": limits.max_memory, "parent": os.getpid()}
        self._command = [sys.executable, "-m", "pipeline.batch.worker", json.dumps(config)]
        # Workers import the same code as this process, whether installed or a checkout.
        self._env = dict(os.environ)
        self._env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PACKAGE_DIR.parent), os.environ.get("PYTHONPATH"))
                                                  if p)
        self._workers: list[_Worker | None] = [None] * size
        self._selector = selectors.DefaultSelector()
        self._attempts: Counter[str] = Counter()
        self._start_failures = 0

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for slot, worker in enumerate(self._workers):
            if worker is not None:
                self._remove(slot, kill=worker.task is not None)

    def run(self, tasks: Iterable[Task], feed: Feed | None = None) -> Iterator[Done]:
        """`feed`, when given, is asked for more tasks on every turn (documents arriving while the
        run goes on, as `watch` downloads them) until it says it is exhausted."""
        queue = deque(tasks)
        feeding = feed is not None
        while True:
            if feed is not None and feeding:
                more, feeding = feed()
                queue.extend(more)
            self._fill(queue)
            busy = any(w is not None and w.task is not None for w in self._workers)
            if not queue and not busy and not feeding:
                return
            finished: list[Done] = []
            wait = min(self._wait_time(), FEED_POLL) if feeding else self._wait_time()
            for key, _ in self._selector.select(wait):
                finished += self._receive(key.data, queue)
            finished += self._enforce_deadlines()
            yield from finished

    def _fill(self, queue: deque[Task]) -> None:
        for worker in self._workers:
            if worker is not None and worker.ready and worker.task is None and queue:
                worker.assign(queue.popleft())
        starting = sum(1 for w in self._workers if w is not None and not w.ready)
        for slot, worker in enumerate(self._workers):
            if worker is None and len(queue) > starting:  # no more workers than documents waiting
                self._workers[slot] = self._spawn(slot)
                starting += 1

    def _spawn(self, slot: int) -> _Worker:
        try:
            worker = _Worker(self._command, self._env, self.log_dir / f"worker-{slot}.log")
        except OSError as exc:
            raise PoolError(f"cannot start a worker process ({exc.strerror or exc})") from exc
        self._selector.register(worker.fd, selectors.EVENT_READ, slot)
        self.started += 1
        return worker

    def _remove(self, slot: int, *, kill: bool) -> _Worker:
        worker = self._workers[slot]
        assert worker is not None
        self._selector.unregister(worker.fd)
        worker.stop(kill=kill)
        self._workers[slot] = None
        return worker

    def _wait_time(self) -> float:
        now = time.monotonic()
        deadlines = [w.since + (self.limits.timeout if w.ready else STARTUP_TIMEOUT)
                     for w in self._workers if w is not None and (w.task is not None or not w.ready)]
        return max(0.0, min(deadlines, default=now + 1.0) - now)

    def _receive(self, slot: int, queue: deque[Task]) -> list[Done]:
        worker = self._workers[slot]
        assert worker is not None
        messages, ended = worker.read()
        finished = []
        for message in messages:
            if "ready" in message:
                worker.ready, worker.since = True, time.monotonic()
                self._start_failures = 0
                continue
            task = worker.task
            assert task is not None and message["id"] == task.id, "a worker answered out of turn"
            done = replace(Done.from_json(message), attempts=self._attempts[task.id] + 1)
            finished.append(done)
            worker.task = None
            worker.done += 1
            out_of_memory = done.record.get("error", {}).get("code") == ErrorCode.MEMORY.value
            if not ended and (worker.done >= self.limits.recycle_after or out_of_memory):
                self._remove(slot, kill=False)
                return finished
        if ended:
            finished += self._after_death(slot, queue)
        return finished

    def _after_death(self, slot: int, queue: deque[Task]) -> list[Done]:
        worker = self._remove(slot, kill=False)
        if not worker.ready:
            self._start_failures += 1
            if self._start_failures >= START_ATTEMPTS:
                raise PoolError(f"worker processes die as they start ({worker.how_it_ended()}); "
                                f"see {worker.log_path}")
            return []
        task = worker.task
        if task is None:
            return []
        self._attempts[task.id] += 1
        if self._attempts[task.id] < CRASH_ATTEMPTS:
            queue.appendleft(task)  # an outside kill or a one-off: a fresh worker tries again
            return []
        message = f"the worker process died while processing the document ({worker.how_it_ended()})"
        return [Done(task.id, error_record(task.id, task.size, ErrorCode.CRASH, "extract", message),
                     attempts=CRASH_ATTEMPTS)]

    def _enforce_deadlines(self) -> list[Done]:
        now = time.monotonic()
        finished = []
        for slot, worker in enumerate(self._workers):
            if worker is None:
                continue
            if worker.task is not None and now - worker.since > self.limits.timeout:
                task = worker.task
                self._remove(slot, kill=True)
                message = timeout_message(self.limits.timeout, task.size)
                finished.append(Done(task.id, error_record(task.id, task.size, ErrorCode.TIMEOUT, "extract", message),
                                     attempts=self._attempts[task.id] + 1))
            elif not worker.ready and now - worker.since > STARTUP_TIMEOUT:
                self._remove(slot, kill=True)
                self._start_failures += 1
                if self._start_failures >= START_ATTEMPTS:
                    raise PoolError(f"worker processes do not start within {STARTUP_TIMEOUT:g} s")
        return finished
