"""The same per-document function on a Dask cluster (`--engine dask`, the optional `dask` extra).

The documents to process are cut into partitions; each partition is one Dask task that runs
`worker.run_task` on its documents and writes each record itself, atomically, into the ledger
(so the output folder and the inputs must be visible to every Dask worker at the same path: a
shared filesystem). The driver then builds the dataset from the records exactly as a local run
does, which is why both engines give the same files.

Isolation is Dask's own here: a worker that dies is restarted by its nanny and its task retried;
a partition that still fails has its unfinished documents recorded as E_CRASH. The memory limit
becomes the local cluster's per-worker limit; the per-document wall-clock limit (--timeout)
applies to the local engine only.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.batch.records import error_record
from pipeline.batch.settings import Settings
from pipeline.batch.state import save_record
from pipeline.batch.worker import Done, Task, run_task
from pipeline.errors import ErrorCode

PARTITIONS_PER_WORKER = 4  # enough to keep every worker busy to the end without tiny tasks
CONNECT_TIMEOUT = "10s"


class DaskError(Exception):
    """Dask is missing or its scheduler cannot be reached."""


def run_partition(tasks: list[Task], settings: dict[str, Any], records: str) -> list[dict[str, Any]]:
    """Runs on a Dask worker: process a partition, store each record, return them without the facts and text."""
    config = Settings.from_json(settings)
    finished = []
    for task in tasks:
        done = run_task(task, config)
        if done.transient:
            finished.append(done.to_json())
            continue
        save_record(Path(records), done.record)
        slim = _slim(done.record)
        finished.append(Done(done.id, slim, done.timings, stored=True).to_json())
    return finished


def _slim(record: dict[str, Any]) -> dict[str, Any]:
    """A stored record as sent back to the driver: without the document and its text, which the
    driver reads from the ledger when it builds the dataset."""
    return {key: value for key, value in record.items() if key not in {"document", "text"}}


def run_dask(tasks: list[Task], settings: Settings, records: Path, *, workers: int, scheduler: str | None,
             max_memory: int) -> Iterator[Done]:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise DaskError('--engine dask needs Dask: pip install "council-facts[dask]"') from None
    if not tasks:
        return
    cluster = None
    try:
        if scheduler is None:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, memory_limit=max_memory,
                                   dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(scheduler or cluster, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise DaskError(f"cannot reach the Dask scheduler at {scheduler or 'a local cluster'} ({exc})") from None
    try:
        size = max(1, math.ceil(len(tasks) / (workers * PARTITIONS_PER_WORKER)))
        partitions = [tasks[i:i + size] for i in range(0, len(tasks), size)]
        futures = client.map(run_partition, partitions, settings=settings.to_json(), records=str(records), pure=False)
        partition_of = {future.key: partition for future, partition in zip(futures, partitions, strict=True)}
        for future in as_completed(futures):
            try:
                results = future.result()
            except Exception as exc:  # KilledWorker and the like: the partition is lost, its documents are not
                yield from _lost(partition_of[future.key], records, f"{type(exc).__name__}: {exc}")
                continue
            yield from (Done.from_json(result) for result in results)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _lost(partition: list[Task], records: Path, reason: str) -> Iterator[Done]:
    for task in partition:
        stored = records / f"{task.id}.json"
        if stored.exists():  # finished before the partition failed
            record = json.loads(stored.read_text(encoding="utf-8"))
            yield Done(task.id, _slim(record), stored=True)
        else:
            message = f"the Dask task processing the document failed ({reason})"
            yield Done(task.id, error_record(task.id, task.size, ErrorCode.CRASH, "extract", message))
