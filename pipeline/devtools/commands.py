"""The tooling commands of the command line, `council-facts eval` and `council-facts bench`,
loaded by name (pipeline/cli.py) only when one of them is called."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from pipeline.cli import EXIT_USAGE


@click.command("eval")
@click.option("--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of *.gold.json files (searched recursively).")
@click.option("--docs", "docs_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder holding the documents; default: beside each gold file.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--details", is_flag=True, help="List every miss and false positive with its document.")
def eval_command(gold_dir: Path, docs_dir: Path | None, as_json: bool, details: bool) -> None:
    """Score the pipeline against gold files (the format of gold/FORMAT.md)."""
    from pipeline.devtools.evaluate import GoldError, evaluate, format_table

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


# The benchmark keeps its own argparse options (python -m pipeline.devtools.bench); this only forwards them.
@click.command("bench", add_help_option=False,
               context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
def bench_command(ctx: click.Context) -> None:
    """Measure speed, start-up, memory and F1; write docs/performance.md (--help for options)."""
    from pipeline.devtools.bench import main as bench_main

    sys.exit(bench_main(ctx.args))
