"""What a run tells the person or the scheduler watching it, on standard error.

On a terminal: a progress bar (documents done, failed, rate, ETA) with one line above it per
failure. Elsewhere (cron, CI, a log collector), or with --log-format json: one JSON object a line,
events `start`, `skipped`, `failed`, `progress` (every PROGRESS_EVERY seconds), `finish`, `fatal`.
`--log-format text` gives the plain lines without the bar.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime
from typing import Any, Literal

import click

from pipeline.batch.records import ErrorRecord, SkipRecord, Summary

LogFormat = Literal["auto", "text", "json"]
PROGRESS_EVERY = 10.0  # seconds between JSON progress events
REDRAW_EVERY = 0.1  # seconds between redraws of the bar


class Reporter:
    """Counts what happens; subclasses say it."""

    def __init__(self) -> None:
        self.total = self.done = self.failed_count = self.to_process = self.processed = 0
        self.started = time.monotonic()

    def start(self, *, documents: int, to_process: int, reused: int, failed_inputs: int) -> None:
        self.total, self.to_process = documents, to_process
        self.done = reused
        self.started = time.monotonic()

    def grow(self, documents: int) -> None:
        """More documents to process than the run knew at its start (council-facts watch)."""
        self.total += documents
        self.to_process += documents

    def skipped(self, record: SkipRecord) -> None: ...

    def failed(self, record: ErrorRecord) -> None:
        self.failed_count += 1

    def finished(self) -> None:
        self.done += 1
        self.processed += 1

    def finish(self, summary: Summary, out: str) -> None: ...

    def fatal(self, message: str) -> None: ...

    def watched(self, counts: dict[str, int]) -> None:
        """What a watch pass found (council-facts watch)."""

    def rate(self) -> float | None:
        elapsed = time.monotonic() - self.started
        return self.processed / elapsed if self.processed and elapsed > 0 else None

    def eta(self) -> float | None:
        rate = self.rate()
        return (self.to_process - self.processed) / rate if rate else None


class TextReporter(Reporter):
    def __init__(self, bar: bool) -> None:
        super().__init__()
        self.bar = bar
        self._drawn = 0.0

    def _line(self, text: str) -> None:
        click.echo(("\r\x1b[K" if self.bar else "") + text, err=True)
        self._draw(force=True)

    def _draw(self, force: bool = False) -> None:
        if not self.bar or not self.total or (not force and time.monotonic() - self._drawn < REDRAW_EVERY):
            return
        self._drawn = time.monotonic()
        width = 30
        filled = int(width * self.done / self.total)
        rate, eta = self.rate(), self.eta()
        text = (f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} documents, "
                f"{self.failed_count} failed, " + (f"{rate:.1f}/s, ETA {_clock(eta)}" if rate and eta is not None
                                                   else "starting"))
        click.echo("\r\x1b[K" + text, nl=False, err=True)

    def start(self, *, documents: int, to_process: int, reused: int, failed_inputs: int) -> None:
        super().start(documents=documents, to_process=to_process, reused=reused, failed_inputs=failed_inputs)
        self._draw(force=True)

    def skipped(self, record: SkipRecord) -> None:
        self._line(f"{record.path}: skipped, {record.detail}")

    def failed(self, record: ErrorRecord) -> None:
        super().failed(record)
        self._line(f"{record.where}: {record.code.value} ({record.stage}): {record.message}")

    def finished(self) -> None:
        super().finished()
        self._draw()

    def finish(self, summary: Summary, out: str) -> None:
        data, run = summary.dataset, summary.run
        if self.bar:
            click.echo("\r\x1b[K", nl=False, err=True)
        codes = ", ".join(f"{code} {count}" for code, count in sorted(data.errors.items()))
        click.echo(f"{data.documents} documents: {data.succeeded} succeeded, {data.failed} failed"
                   + (f" ({codes})" if codes else "") + (f", {data.skipped} skipped" if data.skipped else "")
                   + f"; {run.processed} processed, {run.reused} reused, in {run.seconds:.1f} s; output in {out}",
                   err=True)

    def watched(self, counts: dict[str, int]) -> None:
        click.echo(f"watch: {counts.get('sites', 0)} sites ({counts.get('sites_failed', 0)} unreadable), "
                   f"{counts.get('meetings', 0)} meetings ({counts.get('meetings_new', 0)} new), "
                   f"{counts.get('new_documents', 0)} new documents, {counts.get('not_modified', 0)} not modified, "
                   f"{counts.get('unchanged', 0)} known without asking, {counts.get('fetch_errors', 0)} fetch errors, "
                   f"{counts.get('requests', 0)} requests", err=True)

    def fatal(self, message: str) -> None:
        if self.bar:
            click.echo("\r\x1b[K", nl=False, err=True)
        click.echo(message, err=True)


class JsonReporter(Reporter):
    def __init__(self) -> None:
        super().__init__()
        self._reported = time.monotonic()

    def _event(self, event: str, **fields: Any) -> None:
        line = {"time": datetime.now(UTC).isoformat(timespec="milliseconds"), "event": event, **fields}
        click.echo(json.dumps(line, ensure_ascii=False), err=True)

    def start(self, *, documents: int, to_process: int, reused: int, failed_inputs: int) -> None:
        super().start(documents=documents, to_process=to_process, reused=reused, failed_inputs=failed_inputs)
        self._event("start", documents=documents, to_process=to_process, reused=reused,
                    unreadable_inputs=failed_inputs)

    def skipped(self, record: SkipRecord) -> None:
        self._event("skipped", **record.model_dump(mode="json"))

    def failed(self, record: ErrorRecord) -> None:
        super().failed(record)
        self._event("failed", **record.model_dump(mode="json"))

    def finished(self) -> None:
        super().finished()
        if time.monotonic() - self._reported >= PROGRESS_EVERY:
            self._reported = time.monotonic()
            rate, eta = self.rate(), self.eta()
            self._event("progress", done=self.done, total=self.total, failed=self.failed_count,
                        per_second=round(rate, 2) if rate else None, eta_seconds=round(eta) if eta else None)

    def finish(self, summary: Summary, out: str) -> None:
        self._event("finish", output=out, exit_status=summary.exit_status,
                    **summary.dataset.model_dump(mode="json"),
                    processed=summary.run.processed, reused=summary.run.reused, seconds=summary.run.seconds)

    def fatal(self, message: str) -> None:
        self._event("fatal", message=message)

    def watched(self, counts: dict[str, int]) -> None:
        self._event("watch", **counts)


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def reporter(log_format: LogFormat) -> Reporter:
    terminal = sys.stderr.isatty()
    if log_format == "json" or (log_format == "auto" and not terminal):
        return JsonReporter()
    return TextReporter(bar=terminal)
