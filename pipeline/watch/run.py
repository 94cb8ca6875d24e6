"""One watch pass, start to end: lock OUT/, poll the sites in a background thread (poll.py) while
the documents they bring are extracted as they arrive by the batch engine's isolated workers,
then rebuild the dataset over every document downloaded so far, with `sources` and the standing
fetch errors, exactly as `extract -o` builds it.

    OUT/downloads/SHA.pdf|.html|.txt   every document downloaded, named by the sha256 of its bytes
    OUT/.council-facts/watch.sqlite    what the watch remembers (state.py)
    OUT/...                            the dataset (pipeline/batch/dataset.py), plus sources.parquet

Exit statuses as for `extract`: 0 all well; 3 some documents or URLs failed (each with an error
record); 2 a usage error; 1 the environment is broken.
"""

from __future__ import annotations

import asyncio
import json
import queue
import re
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypeVar

from pipeline.batch.dataset import build
from pipeline.batch.inputs import Document, Inputs
from pipeline.batch.pool import Limits, PoolError
from pipeline.batch.progress import Reporter
from pipeline.batch.records import ErrorRecord, Summary
from pipeline.batch.run import (
    EXIT_FATAL,
    BatchError,
    BatchOptions,
    dataset_counts,
    extract_tasks,
    make_summary,
)
from pipeline.batch.settings import Settings, settings_key
from pipeline.batch.state import OutputError, OutputFolder, OutputRefused, Store
from pipeline.batch.worker import Task
from pipeline.errors import ErrorCode
from pipeline.output import write_atomic
from pipeline.watch.fetch import FetchSettings
from pipeline.watch.poll import Arrival, Failure, PassCounts, poll_sites
from pipeline.watch.sites import Site, window
from pipeline.watch.state import WatchState

T = TypeVar("T")
DOWNLOAD_NAME = re.compile(r"^([0-9a-f]{64})\.(pdf|html|txt)$")
EXIT_USAGE = 2


@dataclass(frozen=True)
class WatchOptions:
    sites: tuple[Site, ...]
    output: Path
    fetch: FetchSettings
    since: date | None = None
    until: date | None = None
    today: date = field(default_factory=lambda: datetime.now(UTC).date())
    site_concurrency: int = 8
    workers: int = 1
    limits: Limits = field(default_factory=Limits)
    settings: Settings = field(default_factory=Settings)


def run_watch(options: WatchOptions, reporter: Reporter) -> tuple[Summary, PassCounts]:
    try:
        return _run(options, reporter)
    except OutputRefused as error:
        raise BatchError(str(error), EXIT_USAGE) from None
    except (OutputError, PoolError) as error:
        raise BatchError(str(error), EXIT_FATAL) from None


def downloaded(folder: Path) -> Inputs:
    """Every document downloaded so far; its name is the sha256 of its bytes (the worker checks)."""
    inputs = Inputs()
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            match = DOWNLOAD_NAME.match(path.name)
            if match and path.is_file() and not path.is_symlink():
                inputs.documents[match[1]] = Document(match[1], path.stat().st_size, [str(path)])
    return inputs


def _run(options: WatchOptions, reporter: Reporter) -> tuple[Summary, PassCounts]:
    started, clock = datetime.now(UTC), time.monotonic()
    now = started.isoformat(timespec="seconds")
    key = settings_key(options.settings)
    out, downloads = options.output, options.output / "downloads"
    batch = BatchOptions(sources=(str(downloads),), output=out, settings=options.settings, workers=options.workers,
                         limits=options.limits)
    with OutputFolder(out) as folder:
        folder.probe(json.dumps({"settings_key": key, **options.settings.to_json()}, indent=2) + "\n")
        try:
            downloads.mkdir(parents=True, exist_ok=True)
            for leftover in downloads.glob(".part-*"):  # a killed pass's unfinished download
                leftover.unlink(missing_ok=True)
            state = WatchState(out)
        except OSError as exc:
            raise OutputError(f"{out}: cannot write output ({exc.strerror or exc})") from exc
        meeting_dates = state.earliest_meetings()
        spans = {}
        for site in options.sites:
            last = state.last_pass(site.name)
            spans[site.name] = window(options.today, options.since, options.until,
                                      datetime.fromisoformat(last).date() if last else None)
        state.close()
        store = Store(out, key)
        # A killed pass's downloads that were never extracted go first.
        earlier = downloaded(downloads)
        paths = {d.id: d.paths for d in earlier.documents.values()}
        tasks = [Task(d.id, d.size, path=d.paths[0], meeting_date=meeting_dates.get(d.id))
                 for d in earlier.documents.values() if not store.has(d.id)]
        planned = {t.id for t in tasks}
        reporter.start(documents=len(earlier.documents), to_process=len(tasks),
                       reused=len(earlier.documents) - len(tasks), failed_inputs=0)

        poller = _PollThread(options, spans, downloads, now)
        poller.start()

        def feed() -> tuple[list[Task], bool]:
            alive = poller.is_alive()
            for failure in poller.drain_failures():
                reporter.failed(_fetch_error(failure))
            more = []
            for arrival in poller.drain_arrivals():
                paths[arrival.sha256] = [str(arrival.path)]
                if arrival.sha256 not in planned and not store.has(arrival.sha256):
                    planned.add(arrival.sha256)
                    more.append(Task(arrival.sha256, arrival.path.stat().st_size, path=str(arrival.path),
                                     meeting_date=arrival.meeting_date))
            reporter.grow(len(more))
            return more, alive or poller.pending()

        extraction = extract_tasks(tasks, batch, store, lambda id_: paths[id_], reporter, feed)
        poller.join()
        if poller.error is not None:
            raise OutputError(f"{out}: the watch stopped: {poller.error}")
        state = WatchState(out)
        sources, failures = list(state.sources()), state.failures()
        state.close()
        inputs = downloaded(downloads)
        fetch_errors = [ErrorRecord(id=None, paths=[], code=ErrorCode(f["code"]), stage="fetch",
                                    message=f["message"], url=f["url"]) for f in failures]
        try:
            succeeded, codes, facts = build(out, inputs, store, extraction.transient, fetch_errors, sources)
            store.prune()
        except OSError as exc:
            raise OutputError(f"{out}: cannot write output ({exc.strerror or exc})") from exc
        counts = dataset_counts(inputs, succeeded, codes, facts)
        summary = make_summary(batch, counts, extraction.processed, extraction, started, clock, key)
        summary = summary.model_copy(update={"watch": asdict(poller.counts)})
        try:
            write_atomic(out / "summary.json", summary.model_dump_json(indent=2) + "\n")
        except OSError as exc:
            raise OutputError(f"{out}: cannot write output ({exc.strerror or exc})") from exc
    return summary, poller.counts


def _fetch_error(failure: Failure) -> ErrorRecord:
    return ErrorRecord(id=None, paths=[], code=failure.code, stage="fetch", message=failure.message, url=failure.url)


class _PollThread(threading.Thread):
    """The sites polled on an event loop of their own, beside the extraction in the main thread."""

    def __init__(self, options: WatchOptions, spans: dict[str, tuple[date, date]], downloads: Path, now: str) -> None:
        super().__init__(name="council-facts-watch", daemon=True)
        self.options, self.spans, self.downloads, self.now = options, spans, downloads, now
        self.counts = PassCounts()
        self.error: str | None = None
        self._arrivals: queue.SimpleQueue[Arrival] = queue.SimpleQueue()
        self._failures: queue.SimpleQueue[Failure] = queue.SimpleQueue()

    def run(self) -> None:
        state = None
        try:
            state = WatchState(self.options.output)  # SQLite connections stay in their thread
            self.counts = asyncio.run(poll_sites(
                list(self.options.sites), self.spans, self.options.fetch, state, self.downloads, self.now,
                self.options.site_concurrency, self._arrivals.put, self._failures.put))
        except Exception as exc:  # reported by the main thread, which owns the run
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            if state is not None:
                state.close()

    def pending(self) -> bool:
        return not self._arrivals.empty() or not self._failures.empty()

    def drain_arrivals(self) -> list[Arrival]:
        return _drain(self._arrivals)

    def drain_failures(self) -> list[Failure]:
        return _drain(self._failures)


def _drain(source: queue.SimpleQueue[T]) -> list[T]:
    items = []
    while True:
        try:
            items.append(source.get_nowait())
        except queue.Empty:
            return items
