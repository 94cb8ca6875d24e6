"""The command line: a thin layer over the library API and the batch engine.

    council-facts extract PATHS... -o DIR            a dataset of the documents' facts (pipeline/batch)
    council-facts extract PATHS... --stdout          facts of documents as JSON on standard output
    council-facts query DIR "SQL"                    SQL over a dataset, with DuckDB
    council-facts schema                             the JSON Schema of the output
    council-facts export ocds DIR -o FILE            contract records as an OCDS release package
    council-facts watch URL... -o DIR                follow ModernGov sites, extract what is new (pipeline/watch)
    council-facts review DIR -o SITE                 a static site to check facts against their evidence
    council-facts eval --gold DIR [--docs DIR]       precision, recall and F1 against gold files (devtools)
    council-facts bench                              speed, memory and F1 of one worker (devtools)
"""

from __future__ import annotations

import gc
import importlib
import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from pipeline import __version__

# Exit statuses: scripts and schedulers branch on these.
EXIT_OK, EXIT_FATAL, EXIT_USAGE, EXIT_SOME_FAILED = 0, 1, 2, 3
MIN_MEMORY = 256 * 2**20  # below this a worker cannot even hold the pipeline


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


class ByteSize(click.ParamType):
    """A size: bytes, or a number with K, M, G or T (binary units; "2G", "2GiB" and "2GB" alike)."""

    name = "size"
    _UNITS = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}

    def __init__(self, floor: int = MIN_MEMORY) -> None:
        self.floor = floor  # a worker's memory by default; a download limit has its own

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*", str(value).lower())
        if not match:
            self.fail(f"{value!r} is not a size such as 2GiB or 512M", param, ctx)
        size = int(float(match[1]) * self._UNITS[match[2]])
        if size < self.floor:
            what = f"the {MIN_MEMORY // 2**20} MiB a worker needs" if self.floor == MIN_MEMORY \
                else f"{self.floor} bytes"
            self.fail(f"{value!r} is less than {what}", param, ctx)
        return size


class LazyGroup(click.Group):
    """A group whose tooling commands, and `watch` with its HTTP stack, are imported only when called
    (click's lazy-loading recipe): extraction never imports pipeline.devtools or httpx, and start-up
    pays nothing for them."""

    lazy_commands = {
        "eval": "pipeline.devtools.commands:eval_command",
        "bench": "pipeline.devtools.commands:bench_command",
        "watch": "pipeline.watch.command:watch_command",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy_commands])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.lazy_commands:
            return super().get_command(ctx, cmd_name)
        module_name, attribute = self.lazy_commands[cmd_name].split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="council-facts")
@click.pass_context
def cli(context: click.Context) -> None:
    """Turn UK council reports (PDF, ModernGov HTML, text) into facts as JSON."""
    if context.invoked_subcommand != "extract":
        gc.enable()  # see `main`: only extract keeps collection off until its modules are imported


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", "output_dir", type=click.Path(path_type=Path),
              help="Folder to write the dataset into (documents, facts, evidence, contracts, errors, summary).")
@click.option("--stdout", "to_stdout", is_flag=True,
              help="Write each document's JSON to standard output instead, in input order.")
@click.option("--reference-date", callback=_parse_date,
              help="Date (YYYY-MM-DD) that relative expressions refer to; default: the document's own.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes working in parallel; default: the number of cores.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=120.0, show_default=True,
              help="Seconds a document may take before it is stopped as E_TIMEOUT.")
@click.option("--max-memory", type=ByteSize(), default="2GiB", show_default=True,
              help="Memory a worker may use; a document needing more is E_MEMORY.")
@click.option("--recycle-after", type=click.IntRange(min=1), default=200, show_default=True,
              help="Documents a worker processes before a fresh one replaces it.")
@click.option("--retry-failed", is_flag=True, help="Process again the documents that failed in earlier runs.")
@click.option("--reprocess", is_flag=True, help="Process every document again, even those already done.")
@click.option("--log-format", type=click.Choice(["auto", "text", "json"]), default="auto", show_default=True,
              help="auto: a progress bar on a terminal, JSON lines otherwise.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where documents are processed: local worker processes, or a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler address (tcp://host:8786); default: a local Dask cluster.")
def extract_command(paths: tuple[str, ...], output_dir: Path | None, to_stdout: bool, reference_date: date | None,
                    workers: int | None, timeout: float, max_memory: int, recycle_after: int, retry_failed: bool,
                    reprocess: bool, log_format: str, engine: str, scheduler: str | None) -> None:
    """Extract facts from documents: files, folders (searched recursively), globs, - for a document
    on standard input, @- or @FILE for a list of paths."""
    if to_stdout == (output_dir is not None):
        raise click.UsageError("give exactly one of -o/--output DIR and --stdout")
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    from pipeline.batch.pool import Limits, default_workers

    limits = Limits(timeout=timeout, max_memory=max_memory, recycle_after=recycle_after)
    if to_stdout:
        if engine != "local":
            raise click.UsageError("--stdout runs on the local engine only")
        _end_of_start_up()
        _extract_to_stdout(paths, reference_date, workers or default_workers(), limits)
        return
    assert output_dir is not None
    from pipeline.batch.progress import reporter
    from pipeline.batch.run import BatchError, BatchOptions, run_batch
    from pipeline.batch.settings import Settings

    _end_of_start_up()
    options = BatchOptions(sources=paths, output=output_dir, settings=Settings(reference_date),
                           workers=workers or default_workers(),
                           limits=limits,
                           retry_failed=retry_failed, reprocess=reprocess, engine=engine,  # type: ignore[arg-type]
                           scheduler=scheduler)
    report = reporter(log_format)  # type: ignore[arg-type]
    try:
        summary = run_batch(options, report, sys.stdin.buffer)
    except BatchError as error:
        if error.exit_status == EXIT_USAGE:
            raise click.UsageError(str(error)) from None
        report.fatal(str(error))
        sys.exit(error.exit_status)
    except KeyboardInterrupt:
        report.fatal("interrupted: every finished document is kept; run the same command again to go on")
        sys.exit(EXIT_FATAL)
    report.finish(summary, str(output_dir))
    sys.exit(summary.exit_status)


def _extract_to_stdout(paths: tuple[str, ...], reference_date: date | None, workers: int, limits: Any) -> None:
    """Each document's JSON on standard output, in the order of the inputs. The documents run in
    worker processes as in a batch run, so --timeout, --max-memory and a crashing document are
    handled the same way; nothing is written to disk but the workers' logs, in a temporary folder."""
    import tempfile

    from pipeline.batch.inputs import InputError, collect
    from pipeline.batch.pool import PoolError, WorkerPool
    from pipeline.batch.settings import Settings
    from pipeline.batch.worker import Task

    try:
        inputs = collect(paths, sys.stdin.buffer)
    except InputError as error:
        raise click.UsageError(str(error)) from None
    if not inputs.documents and not inputs.unreadable:
        raise click.UsageError("no documents found in the paths given")
    for skipped in inputs.skipped:
        click.echo(f"{skipped.path}: skipped, {skipped.detail}", err=True)
    for unreadable in inputs.unreadable:
        click.echo(f"{unreadable.paths[0]}: {unreadable.code.value} ({unreadable.stage}): {unreadable.message}",
                   err=True)
    failed = len(inputs.unreadable)
    documents = list(inputs.documents.values())
    tasks = [Task(d.id, d.size, path=None if d.data is not None else d.paths[0], data=d.data) for d in documents]
    finished: dict[str, dict[str, Any]] = {}
    shown = 0
    try:
        with tempfile.TemporaryDirectory(prefix="council-facts-") as logs, WorkerPool(
                min(workers, len(tasks)) or 1, Settings(reference_date), limits, Path(logs)) as pool:
            for done in pool.run(tasks):
                finished[done.id] = done.record
                while shown < len(documents) and documents[shown].id in finished:  # in the order of the inputs
                    failed += _show(documents[shown].paths[0], finished.pop(documents[shown].id))
                    shown += 1
    except PoolError as error:
        click.echo(f"council-facts: {error}", err=True)
        sys.exit(EXIT_FATAL)
    if failed:
        click.echo(f"{failed} of {len(inputs.documents) + len(inputs.unreadable)} documents failed", err=True)
        sys.exit(EXIT_SOME_FAILED)


def _show(path: str, record: dict[str, Any]) -> int:
    """Print one document's JSON, or its error line; 1 for an error."""
    if record["status"] != "ok":
        error = record["error"]
        click.echo(f"{path}: {error['code']} ({error['stage']}): {error['message']}", err=True)
        return 1
    document = record["document"]
    document["source"]["path"] = path
    click.echo(json.dumps(document, ensure_ascii=False, indent=2) + "\n", nl=False)
    return 0


@cli.command("query")
@click.argument("dataset", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("sql")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="table: aligned columns; csv; json: one object a line.")
def query_command(dataset: Path, sql: str, fmt: str) -> None:
    """Run SQL over a dataset written by extract -o: tables documents, facts, evidence, contracts, errors, skipped."""
    from pipeline.batch.query import QueryError, query, render

    try:
        columns, rows = query(dataset, sql)
    except QueryError as error:
        click.echo(str(error), err=True)
        sys.exit(EXIT_USAGE)
    click.echo(render(columns, rows, fmt), nl=False)


@cli.group("export")
def export_group() -> None:
    """Write a dataset's records in another standard's format."""


@export_group.command("ocds")
@click.argument("dataset", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", "output_file", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The release package file to write (JSON).")
@click.option("--ocid-prefix", default="ocds-cfacts", show_default=True,
              help="The OCID prefix: set your publisher's registered prefix.")
def export_ocds_command(dataset: Path, output_file: Path, ocid_prefix: str) -> None:
    """Write the contract records of a dataset written by extract -o as an OCDS 1.1 release package."""
    from pipeline.contracts.ocds import release_package
    from pipeline.output import write_atomic

    results = dataset / "results.jsonl"
    if not results.is_file():
        raise click.UsageError(f"{dataset} is not a dataset written by extract -o (no results.jsonl)")
    try:
        documents = [json.loads(line)["document"] for line in results.read_text(encoding="utf-8").splitlines() if line]
    except (json.JSONDecodeError, KeyError, UnicodeDecodeError) as error:
        click.echo(f"{results}: not a readable results file ({error})", err=True)
        sys.exit(EXIT_FATAL)
    export = release_package(documents, prefix=ocid_prefix)
    write_atomic(output_file, json.dumps(export.package, ensure_ascii=False, indent=2) + "\n")
    click.echo(f"{output_file}: {len(export.package['releases'])} releases from {len(documents)} documents"
               + (f"; {len(export.undated)} records with no date in their document were not exported"
                  if export.undated else ""), err=True)


@cli.command("review")
@click.argument("dataset", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", "output_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The folder to write the site into (index.html, documents/SHA.html).")
def review_command(dataset: Path, output_dir: Path) -> None:
    """Write static review pages of a dataset written by extract -o: each document's text with its
    evidence highlighted, its facts and contract records, the errors, charts. Opens from disk."""
    from pipeline.review import NotADataset, ReviewError, review

    try:
        summary = review(dataset, output_dir)
    except NotADataset as error:
        raise click.UsageError(str(error)) from None
    except ReviewError as error:
        click.echo(f"council-facts: {error}", err=True)
        sys.exit(EXIT_FATAL)
    click.echo(f"{summary.output / 'index.html'}: {summary.documents} documents, {summary.errors} errors", err=True)


@cli.command("schema")
def schema_command() -> None:
    """Print the JSON Schema (draft 2020-12) that every output document follows."""
    from pipeline.schema import json_schema_text

    click.echo(json_schema_text(), nl=False)


def _end_of_start_up() -> None:
    """Collect garbage again, now that the run's modules are imported (see `main`)."""
    gc.freeze()
    gc.enable()


def main() -> None:
    # Importing click, pydantic's models and pyarrow allocates tens of thousands of objects that
    # live as long as the command and leaves little garbage: the collections they triggered were
    # wasted work in a one-document run (about 10 ms of its CPU time). `extract` turns collection
    # back on once its imports are done, every other command as it starts.
    gc.disable()
    cli(prog_name="council-facts")
