"""The command line: a thin layer over the library API.

    council-facts extract PATHS... [-o DIR | --stdout]   facts of documents as JSON
    council-facts eval --gold DIR [--docs DIR]           precision, recall and F1 against gold files
    council-facts schema                                 the JSON Schema of the output
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from pipeline import __version__
from pipeline.errors import ExtractionError
from pipeline.extract import extract
from pipeline.output import output_name, write_atomic
from pipeline.schema import json_schema_text

# Exit statuses: scripts and schedulers branch on these.
EXIT_OK, EXIT_FATAL, EXIT_USAGE, EXIT_SOME_FAILED = 0, 1, 2, 3
# Folders are walked for these; a file named on the command line is read whatever its name.
DOCUMENT_SUFFIXES = {".pdf", ".html", ".htm", ".txt", ".text", ".xhtml"}


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def collect_inputs(paths: tuple[str, ...]) -> list[str]:
    """Files named, and documents found under folders named, in a stable order."""
    found: list[str] = []
    for raw in paths:
        path = Path(raw)
        if raw == "-" or not path.is_dir():
            found.append(raw)
            continue
        for child in sorted(path.rglob("*")):
            if child.is_file() and child.suffix.lower() in DOCUMENT_SUFFIXES and not any(
                    part.startswith(".") for part in child.relative_to(path).parts):
                found.append(str(child))
    return found


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="council-facts")
def cli() -> None:
    """Turn UK council reports (PDF, ModernGov HTML, text) into facts as JSON."""


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", "output_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write one JSON file per document into.")
@click.option("--stdout", "to_stdout", is_flag=True, help="Write JSON to standard output instead.")
@click.option("--reference-date", callback=_parse_date,
              help="Date (YYYY-MM-DD) that relative expressions refer to; default: the document's own.")
def extract_command(paths: tuple[str, ...], output_dir: Path | None, to_stdout: bool,
                    reference_date: date | None) -> None:
    """Extract facts from documents: files, folders (searched recursively) or - for stdin."""
    if to_stdout == (output_dir is not None):
        raise click.UsageError("give exactly one of -o/--output DIR and --stdout")
    inputs = collect_inputs(paths)
    if not inputs:
        raise click.UsageError("no documents found in the paths given")
    failed = 0
    used_names: set[str] = set()
    for name in inputs:
        try:
            if name == "-":
                result = extract(sys.stdin.buffer.read(), reference_date=reference_date, path="-")
            else:
                result = extract(Path(name), reference_date=reference_date, path=name)
        except ExtractionError as error:
            failed += 1
            click.echo(str(error.with_source(name) if not error.source else error), err=True)
            continue
        text = result.to_json()
        if to_stdout:
            click.echo(text, nl=False)
            continue
        assert output_dir is not None
        target = output_name("stdin.txt" if name == "-" else name)
        if target in used_names:  # two inputs with one base name: keep both
            target = target[:-5] + f"-{result.source.sha256[:12]}.json"
        used_names.add(target)
        try:
            write_atomic(output_dir / target, text)
        except OSError as exc:
            click.echo(f"{output_dir}: cannot write output ({exc.strerror})", err=True)
            sys.exit(EXIT_FATAL)
    if failed:
        click.echo(f"{failed} of {len(inputs)} documents failed", err=True)
        sys.exit(EXIT_SOME_FAILED)


@cli.command("eval")
@click.option("--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of *.gold.json files (searched recursively).")
@click.option("--docs", "docs_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder holding the documents; default: beside each gold file.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--details", is_flag=True, help="List every miss and false positive with its document.")
def eval_command(gold_dir: Path, docs_dir: Path | None, as_json: bool, details: bool) -> None:
    """Score the pipeline against gold files (the format of gold/FORMAT.md)."""
    from pipeline.evaluate import GoldError, evaluate, format_table

    try:
        report = evaluate(gold_dir, docs_dir)
    except GoldError as error:
        click.echo(str(error), err=True)
        sys.exit(EXIT_USAGE)
    if as_json:
        data = report.as_dict()
        if details:
            data["details"] = [vars(m) for m in report.misses]
        click.echo(json.dumps(data, indent=2))
    else:
        click.echo(format_table(report))
        if details:
            for miss in report.misses:
                click.echo(f"{miss.kind:<7}{miss.type:<14}{miss.document}: {miss.value}")
    for failure in report.errors:
        click.echo(failure, err=True)


@cli.command("schema")
def schema_command() -> None:
    """Print the JSON Schema (draft 2020-12) that every output document follows."""
    click.echo(json_schema_text(), nl=False)


# The benchmark keeps its own argparse options (python -m pipeline.bench); this only forwards them.
@cli.command("bench", add_help_option=False,
             context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
def bench_command(ctx: click.Context) -> None:
    """Measure speed, start-up, memory and F1; write docs/performance.md (--help for options)."""
    from pipeline.bench import main as bench_main

    sys.exit(bench_main(ctx.args))


def main() -> None:
    cli(prog_name="council-facts")
