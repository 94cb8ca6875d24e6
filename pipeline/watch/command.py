"""`council-facts watch`: the command line over run.py (loaded only when called, so the other
commands never import the HTTP stack)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from pipeline.cli import EXIT_FATAL, EXIT_USAGE, ByteSize, _parse_date

CONTACT_ENV = "COUNCIL_FACTS_CONTACT"


@click.command("watch")
@click.argument("urls", nargs=-1)
@click.option("-o", "--output", "output_dir", type=click.Path(path_type=Path), required=True,
              help="The dataset folder; downloads go to OUT/downloads/, the watch's memory to OUT/.council-facts/.")
@click.option("--sites", "sites_file", type=click.Path(path_type=Path, dir_okay=False),
              help="A TOML file of sites: [[site]] url, name, committees.")
@click.option("--since", callback=_parse_date,
              help="First meeting date (YYYY-MM-DD); default: 30 days back on a first pass, else 14 days "
                   "before the previous pass.")
@click.option("--until", callback=_parse_date, help="Last meeting date (YYYY-MM-DD); default: 14 days ahead.")
@click.option("--committee", "committees", multiple=True,
              help="Follow only this committee (its title, any case); repeat for more. Default: all.")
@click.option("--contact", envvar=CONTACT_ENV,
              help=f"Your email address or URL, sent in the User-Agent so site owners can reach you "
                   f"(or set {CONTACT_ENV}, or contact = in the sites file). Required.")
@click.option("--rate", type=click.FloatRange(min=0, min_open=True, max=10), default=1.0, show_default=True,
              help="Requests a second to one host, at most.")
@click.option("--site-concurrency", type=click.IntRange(min=1), default=8, show_default=True,
              help="Sites polled at the same time (each host still gets one request at a time).")
@click.option("--allow-host", "allowed_hosts", multiple=True,
              help="Another host that links and redirects may lead to; repeat for more.")
@click.option("--max-download", type=ByteSize(floor=1), default="50M", show_default=True,
              help="Largest response accepted; a larger one is E_DOWNLOAD_TOO_LARGE.")
@click.option("--fetch-timeout", type=click.FloatRange(min=0, min_open=True), default=120.0, show_default=True,
              help="Seconds one response may take, first byte to last, before E_FETCH_TIMEOUT.")
@click.option("--retries", type=click.IntRange(min=0, max=10), default=3, show_default=True,
              help="Retries (with exponential backoff) after 429, 5xx, timeouts and broken connections.")
@click.option("--backoff", type=click.FloatRange(min=0), default=2.0, show_default=True,
              help="Seconds before the first retry; each retry waits twice as long (a Retry-After longer wins).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes extracting documents; default: the number of cores.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=120.0, show_default=True,
              help="Seconds a document may take to extract before it is stopped as E_TIMEOUT.")
@click.option("--max-memory", type=ByteSize(), default="2GiB", show_default=True,
              help="Memory an extraction worker may use; a document needing more is E_MEMORY.")
@click.option("--log-format", type=click.Choice(["auto", "text", "json"]), default="auto", show_default=True,
              help="auto: a progress bar on a terminal, JSON lines otherwise.")
def watch_command(urls: tuple[str, ...], output_dir: Path, sites_file: Path | None, since: date | None,
                  until: date | None, committees: tuple[str, ...], contact: str | None, rate: float,
                  site_concurrency: int, allowed_hosts: tuple[str, ...], max_download: int, fetch_timeout: float,
                  retries: int, backoff: float, workers: int | None, timeout: float, max_memory: int,
                  log_format: str) -> None:
    """Follow ModernGov sites: one pass finds the meetings in the window, downloads every linked
    document not seen before and extracts it into the dataset at OUT (as `extract -o` does).
    Run it from cron or a systemd timer; a stopped pass resumes with the same command."""
    from pipeline.batch.pool import Limits, default_workers
    from pipeline.batch.progress import reporter
    from pipeline.batch.run import BatchError
    from pipeline.watch.fetch import FetchSettings
    from pipeline.watch.run import WatchOptions, run_watch
    from pipeline.watch.sites import SitesError, load_sites, site_from_url

    try:
        sites = [site_from_url(url, committees) for url in urls]
        if sites_file is not None:
            more, file_contact = load_sites(sites_file)
            sites += more
            contact = contact or file_contact
    except SitesError as error:
        raise click.UsageError(str(error)) from None
    if not sites:
        raise click.UsageError("give the URL of at least one ModernGov site, or --sites FILE")
    names = [site.name for site in sites]
    if len(set(names)) != len(names):
        raise click.UsageError("two sites have the same name; give each its own name in the sites file")
    if not contact or not contact.strip():
        raise click.UsageError(f"give --contact (an email address or URL, or set {CONTACT_ENV}): sites are told "
                               f"who is fetching their pages")
    if since and until and since > until:
        raise click.UsageError("--since is after --until")
    fetch = FetchSettings(contact=contact.strip(), rate=rate, max_download=max_download, time_limit=fetch_timeout,
                          retries=retries, backoff=backoff,
                          allowed_hosts=frozenset(h.lower() for h in allowed_hosts))
    options = WatchOptions(sites=tuple(sites), output=output_dir, fetch=fetch, since=since, until=until,
                           site_concurrency=site_concurrency, workers=workers or default_workers(),
                           limits=Limits(timeout=timeout, max_memory=max_memory))
    report = reporter(log_format)  # type: ignore[arg-type]
    try:
        summary, counts = run_watch(options, report)
    except BatchError as error:
        if error.exit_status == EXIT_USAGE:
            raise click.UsageError(str(error)) from None
        report.fatal(str(error))
        sys.exit(error.exit_status)
    except KeyboardInterrupt:
        report.fatal("interrupted: every download and finished document is kept; run the same command again")
        sys.exit(EXIT_FATAL)
    report.finish(summary, str(output_dir))
    report.watched(summary.watch or {})
    sys.exit(summary.exit_status)
