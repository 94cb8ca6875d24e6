"""Many sites in one watch pass: 20 ModernGov sites played on 127.0.0.1 (each on its own port, so
each its own host for politeness), of different sizes, polled by one `council-facts watch` pass.

Reports the pass's wall time against the slowest site's polite minimum (its requests, one at a
time at the rate asked: (requests - 1) / rate), and checks from each server's own log that no host
saw two requests at once or closer together than the rate allows. Goal: the pass within 1.5x of
that minimum. Exit status 1 when the goal or the rate check fails.

    python -m pipeline.devtools.watch_bench [--sites 20] [--rate 1] [--workers 2] [--write docs/watch-bench.md]
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path

from pipeline.batch.pool import Limits
from pipeline.batch.progress import Reporter
from pipeline.devtools.fake_moderngov import FakeDocument, FakeMeeting, FakeModernGov, FakeSite
from pipeline.watch.fetch import FetchSettings
from pipeline.watch.run import WatchOptions, run_watch
from pipeline.watch.sites import site_from_url

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
GOAL = 1.5
# The client spaces the starts of its requests; a server's log reads each arrival when a handler
# thread gets to it, a few tens of milliseconds late under load. A gap under 95% of the interval
# would be a real breach.
TOLERANCE = 0.05


def make_sites(count: int) -> list[FakeSite]:
    """Site n has 1 + n % 4 meetings of two documents each (all distinct content)."""
    bodies = [(SAMPLES / name).read_bytes() for name in
              ("contract-extension-report.txt", "moderngov-decision.html", "annual-leisure-contract-review.pdf")]
    today = datetime.now(UTC).date()
    sites = []
    for n in range(count):
        meetings = []
        for m in range(1 + n % 4):
            documents = []
            for d in range(2):
                body = bodies[(m + d) % 2] + f"\nSite {n}, meeting {m}, paper {d}.\n".encode()
                documents.append(FakeDocument(1000 * n + 10 * m + d + 1, f"Paper {d}", body))
            meetings.append(FakeMeeting(100 * n + m + 1, 1, today - timedelta(days=2 + m), [("Item", documents)]))
        sites.append(FakeSite({1: "Cabinet"}, meetings))
    return sites


def minimum_gap(log: list[tuple[float, str, int, dict[str, str]]]) -> float:
    arrivals = sorted(when for when, *_ in log)
    return min((b - a for a, b in zip(arrivals, arrivals[1:], strict=False)), default=float("inf"))


def _serve(sites: list[FakeSite], channel: Connection) -> None:
    """The fleet of sites in a process of its own: its clock and threads do not share the
    watch's interpreter, so the logs show when requests really arrived."""
    servers = [FakeModernGov(site) for site in sites]
    for server in servers:
        server.__enter__()
    channel.send([server.url for server in servers])
    channel.recv()  # told to stop
    for server in servers:
        server.__exit__()
    channel.send([server.log for server in servers])


def run(count: int, rate: float, workers: int) -> tuple[str, bool]:
    ours, theirs = multiprocessing.Pipe()
    fleet = multiprocessing.get_context("spawn").Process(target=_serve, args=(make_sites(count), theirs),
                                                         daemon=True)
    fleet.start()
    urls: list[str] = ours.recv()
    try:
        with tempfile.TemporaryDirectory(prefix="council-facts-watch-bench-") as folder:
            options = WatchOptions(
                sites=tuple(site_from_url(url, name=f"site-{n}") for n, url in enumerate(urls)),
                output=Path(folder) / "out", fetch=FetchSettings(contact="bench@example.org", rate=rate),
                site_concurrency=count, workers=workers, limits=Limits())
            started = time.monotonic()
            summary, counts = run_watch(options, Reporter())
            wall = time.monotonic() - started
    finally:
        ours.send("stop")
        logs: list[list[tuple[float, str, int, dict[str, str]]]] = ours.recv()
        fleet.join()
    requests = [len(log) for log in logs]
    polite = max((r - 1) / rate for r in requests)
    gaps = [minimum_gap(log) for log in logs]
    rate_ok = min(gaps) >= (1 - TOLERANCE) / rate
    goal_ok = wall <= GOAL * polite and summary.dataset.failed == 0
    lines = [
        "# Watch: many sites in one pass",
        "",
        "Measured by `python -m pipeline.devtools.watch_bench`: one `council-facts watch` pass over "
        f"{count} ModernGov sites played on 127.0.0.1 (each on its own port, so each its own host), "
        f"{rate:g} requests a second per host, {workers} extraction workers, every site polled at once.",
        "",
        "| measure | result |",
        "|---|---|",
        f"| sites | {count} |",
        f"| requests per site | {min(requests)} to {max(requests)} ({sum(requests)} in all) |",
        f"| documents downloaded and extracted | {counts.new_documents} ({summary.dataset.succeeded} succeeded) |",
        f"| slowest site's polite minimum | {polite:.2f} s |",
        f"| wall time of the pass | {wall:.2f} s |",
        f"| ratio | {wall / polite:.2f}x (goal ≤ {GOAL}x: {'met' if goal_ok else 'NOT met'}) |",
        f"| closest two requests to one host (servers' logs) | {min(gaps):.3f} s (rate limit {1 / rate:.3f} s, "
        f"less {TOLERANCE:.0%} for the logs' jitter: {'kept' if rate_ok else 'BROKEN'}) |",
        "",
    ]
    return "\n".join(lines), goal_ok and rate_ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sites", type=int, default=20)
    parser.add_argument("--rate", type=float, default=1.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--write", type=Path, help="also write the report to this Markdown file")
    args = parser.parse_args(argv)
    report, ok = run(args.sites, args.rate, args.workers)
    print(report)
    if args.write:
        args.write.write_text(report, encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
