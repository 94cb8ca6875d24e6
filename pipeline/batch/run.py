"""A batch run, start to end: lock the output, collect the inputs, skip what is done, process the
rest in isolated workers (or on Dask), store each record as it finishes, rebuild the dataset,
write the summary.

Exit statuses: 0 every document succeeded; 3 some failed (each with its error record); 2 a usage
or configuration error; 1 the environment is broken (nothing is then marked failed).
"""

from __future__ import annotations

import contextlib
import json
import platform
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import BinaryIO, Literal

from pipeline import SCHEMA_VERSION, __version__
from pipeline.batch.inputs import InputError, Inputs, collect
from pipeline.batch.pool import Feed, Limits, PoolError, WorkerPool, default_workers
from pipeline.batch.progress import Reporter
from pipeline.batch.records import DatasetCounts, ErrorRecord, RunCounts, Summary
from pipeline.batch.settings import Settings, settings_key
from pipeline.batch.state import OutputError, OutputFolder, OutputRefused, Store
from pipeline.batch.worker import Done, Task
from pipeline.output import write_atomic

EXIT_OK, EXIT_FATAL, EXIT_USAGE, EXIT_SOME_FAILED = 0, 1, 2, 3


@dataclass(frozen=True)
class BatchOptions:
    sources: tuple[str, ...]
    output: Path
    settings: Settings = field(default_factory=Settings)
    workers: int = field(default_factory=default_workers)
    limits: Limits = field(default_factory=Limits)
    retry_failed: bool = False
    reprocess: bool = False
    engine: Literal["local", "dask"] = "local"
    scheduler: str | None = None


class BatchError(Exception):
    """The run cannot go on; `exit_status` is EXIT_USAGE or EXIT_FATAL."""

    def __init__(self, message: str, exit_status: int) -> None:
        super().__init__(message)
        self.exit_status = exit_status


def run_batch(options: BatchOptions, reporter: Reporter, stdin: BinaryIO) -> Summary:
    try:
        return _run(options, reporter, stdin)
    except (OutputRefused, InputError) as error:
        raise BatchError(str(error), EXIT_USAGE) from None
    except (OutputError, PoolError) as error:
        raise BatchError(str(error), EXIT_FATAL) from None


def _run(options: BatchOptions, reporter: Reporter, stdin: BinaryIO) -> Summary:
    started, clock = datetime.now(UTC), time.monotonic()
    key = settings_key(options.settings)
    out = options.output
    # Inputs first: reading them writes nothing, so a usage error leaves no output folder behind.
    inputs = collect(options.sources, stdin)
    if not inputs.documents and not inputs.unreadable:
        raise InputError("no documents found in the paths given")
    with OutputFolder(out) as folder:
        folder.probe(json.dumps({"settings_key": key, **options.settings.to_json()}, indent=2) + "\n")
        store = Store(out, key)
        tasks = plan(inputs, store, options)
        reporter.start(documents=len(inputs.documents), to_process=len(tasks),
                       reused=len(inputs.documents) - len(tasks), failed_inputs=len(inputs.unreadable))
        for skipped in inputs.skipped:
            reporter.skipped(skipped)
        for unreadable in inputs.unreadable:
            reporter.failed(unreadable)
        extraction = extract_tasks(tasks, options, store, lambda id_: inputs.documents[id_].paths, reporter)
        from pipeline.batch.dataset import build  # pyarrow: only a run that writes a dataset imports it

        try:
            succeeded, codes, facts = build(out, inputs, store, extraction.transient)
            store.prune()
        except OSError as exc:
            raise OutputError(f"{out}: cannot write output ({exc.strerror or exc})") from exc
        counts = dataset_counts(inputs, succeeded, codes, facts)
        summary = make_summary(options, counts, len(tasks), extraction, started, clock, key)
        try:
            write_atomic(out / "summary.json", summary.model_dump_json(indent=2) + "\n")
        except OSError as exc:
            raise OutputError(f"{out}: cannot write output ({exc.strerror or exc})") from exc
    return summary


def plan(inputs: Inputs, store: Store, options: BatchOptions) -> list[Task]:
    """The documents this run must process; the rest have a record made with the same key."""
    tasks = []
    for document in inputs.documents.values():
        done = store.has(document.id) and not options.reprocess
        if done and not (options.retry_failed and store.failed(document.id)):
            continue
        path = None if document.data is not None else document.paths[0]
        tasks.append(Task(document.id, document.size, path=path, data=document.data))
    return tasks


@dataclass
class Extraction:
    """What extracting a run's tasks did."""

    transient: dict[str, ErrorRecord] = field(default_factory=dict)
    stage_seconds: Counter[str] = field(default_factory=Counter)
    retried: int = 0
    processed: int = 0


def extract_tasks(tasks: list[Task], options: BatchOptions, store: Store, paths_of: Callable[[str], list[str]],
                  reporter: Reporter, feed: Feed | None = None) -> Extraction:
    """Process the tasks (and those the feed brings), storing each record as it finishes."""
    extraction = Extraction()
    for done in _execute(tasks, options, store, feed):
        paths = paths_of(done.id)
        if done.transient:
            extraction.transient[done.id] = ErrorRecord(id=None, paths=paths, **done.record["error"])
        elif not done.stored:
            _save(store, done)
        extraction.stage_seconds.update(done.timings)
        extraction.retried += done.attempts > 1
        extraction.processed += 1
        if done.transient or done.record["status"] != "ok":
            reporter.failed(extraction.transient.get(done.id)
                            or ErrorRecord(id=done.id, paths=paths, **done.record["error"]))
        reporter.finished()
    return extraction


def _execute(tasks: list[Task], options: BatchOptions, store: Store, feed: Feed | None = None) -> Iterator[Done]:
    if options.engine == "dask":
        from pipeline.batch.dask_engine import DaskError, run_dask

        try:
            yield from run_dask(tasks, options.settings, store.dir, workers=options.workers,
                                scheduler=options.scheduler, max_memory=options.limits.max_memory)
        except DaskError as error:
            raise BatchError(str(error), EXIT_FATAL) from None
        return
    if not tasks and feed is None:
        return
    store.dir.mkdir(parents=True, exist_ok=True)
    log_dir = store.dir.parent.parent  # OUT/.council-facts: a worker's log, read when it dies
    size = options.workers if feed is not None else min(options.workers, len(tasks))
    with WorkerPool(size, options.settings, options.limits, log_dir) as pool:
        yield from pool.run(tasks, feed)


def _save(store: Store, done: Done) -> None:
    try:
        store.save(done.record)
    except OSError as exc:
        raise OutputError(f"{store.dir}: cannot write output ({exc.strerror or exc})") from exc


def dataset_counts(inputs: Inputs, succeeded: int, codes: Counter[str], facts: int) -> DatasetCounts:
    paths = sum(len(d.paths) for d in inputs.documents.values())
    return DatasetCounts(
        inputs=paths + len(inputs.unreadable), documents=len(inputs.documents), succeeded=succeeded,
        failed=sum(codes.values()), errors=dict(sorted(codes.items())), skipped=len(inputs.skipped),
        skipped_reasons=dict(sorted(Counter(s.reason for s in inputs.skipped).items())),
        duplicate_paths=paths - len(inputs.documents), facts=facts)


def make_summary(options: BatchOptions, dataset: DatasetCounts, processed: int, extraction: Extraction,
                 started: datetime, clock: float, key: str) -> Summary:
    seconds = time.monotonic() - clock
    stage_seconds = extraction.stage_seconds
    run = RunCounts(engine=options.engine, workers=options.workers, processed=processed,
                    reused=dataset.documents - processed, retried_after_crash=extraction.retried,
                    started=started.isoformat(timespec="seconds"),
                    finished=datetime.now(UTC).isoformat(timespec="seconds"), seconds=round(seconds, 3),
                    documents_per_second=round(processed / seconds, 2) if processed and seconds > 0 else None,
                    stage_seconds={k: round(v, 3) for k, v in sorted(stage_seconds.items())})
    versions = {"council-facts": __version__, "schema": SCHEMA_VERSION, "settings_key": key,
                "python": platform.python_version()}
    for package in ("spacy", "pyarrow", "pydantic"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[package] = metadata.version(package)
    settings = {**options.settings.to_json(), "workers": options.workers, "timeout": options.limits.timeout,
                "max_memory": options.limits.max_memory, "recycle_after": options.limits.recycle_after,
                "engine": options.engine, "scheduler": options.scheduler, "retry_failed": options.retry_failed,
                "reprocess": options.reprocess}
    return Summary(dataset=dataset, run=run, versions=versions, settings=settings,
                   exit_status=EXIT_SOME_FAILED if dataset.failed else EXIT_OK)
