"""The README's picture of a review page: extract the samples, review them, and screenshot one
document page in the system's headless Chromium (Debian's `chromium`), driven by Playwright.

    python -m pipeline.devtools.screenshot                       # writes docs/review-screenshot.png
    python -m pipeline.devtools.screenshot -o shot.png --chromium /usr/bin/chromium

Needs the `test` extra (Playwright for Python) and Chromium; Playwright's own browser download
(`playwright install`) is never used. The tests of the review pages launch Chromium the same way.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
SHOWN = "annual-leisure-contract-review.pdf"  # a PDF: page markers, every fact type, a contract record
VIEWPORT = {"width": 1280, "height": 860}
# Headless, and nothing of Chromium's own that would reach the network.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def default_chromium() -> Path:
    return Path(shutil.which("chromium") or "/usr/bin/chromium")


def review_samples(folder: Path) -> Path:
    """Extract the samples into a dataset and review it; the site's folder."""
    from pipeline.review import review

    dataset, site = folder / "dataset", folder / "site"
    subprocess.run([sys.executable, "-m", "pipeline", "extract", str(SAMPLES), "-o", str(dataset),
                    "--log-format", "json"], check=True, cwd=ROOT, stderr=subprocess.DEVNULL)
    review(dataset, site)
    return site


def page_file(site: Path) -> Path:
    return site / "documents" / f"{hashlib.sha256((SAMPLES / SHOWN).read_bytes()).hexdigest()}.html"


def capture(browser: Any, page: Path, output: Path) -> None:
    """A viewport-sized screenshot of a page, the first money highlight focused: its value shown."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        context.route("**/*", _local_only)
        tab = context.new_page()
        tab.goto(page.resolve().as_uri())
        # The text from its heading down, the first amount focused (its value shown) where it stands.
        tab.evaluate("document.getElementById('text-title').scrollIntoView()")
        tab.evaluate("document.querySelector('mark.t-money.first').focus({preventScroll: true})")
        tab.screenshot(path=str(output))
    finally:
        context.close()


def screenshot(page: Path, output: Path, chromium: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            capture(browser, page, output)
        finally:
            browser.close()


def _local_only(route: Any) -> None:
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        route.abort()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.devtools.screenshot", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "review-screenshot.png")
    parser.add_argument("--chromium", type=Path, default=default_chromium())
    args = parser.parse_args(argv)
    if not args.chromium.is_file():
        print(f"{args.chromium}: no Chromium there (apt-get install chromium, or give --chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="council-facts-screenshot-") as folder:
        site = review_samples(Path(folder))
        args.output.parent.mkdir(parents=True, exist_ok=True)
        screenshot(page_file(site), args.output, args.chromium)
    print(f"{args.output}: a review page of samples/{SHOWN}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
