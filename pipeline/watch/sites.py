"""The sites a watch follows, from the command line or a sites.toml, and the window of meeting
dates each pass covers.

    # sites.toml
    contact = "data-team@example.org"        # optional: --contact wins
    [[site]]
    url = "https://democracy.kent.gov.uk/"
    name = "Kent County Council"              # optional: the host name otherwise
    committees = ["Cabinet", "County Council"]  # optional: every committee otherwise
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from pipeline.watch.moderngov import site_root

FIRST_PASS_DAYS = 30  # a first pass looks this far back
OVERLAP_DAYS = 14  # later passes start this long before the previous one: late papers, minutes
AHEAD_DAYS = 14  # and look this far ahead: agenda papers come out a week or so before a meeting


class SitesError(Exception):
    """A sites file or site URL that cannot be used; the message names it and says why."""


@dataclass(frozen=True)
class Site:
    root: str  # the folder of the site's mg*.aspx pages, ending in /
    name: str
    committees: tuple[str, ...] = ()  # titles to follow, compared without case; empty: all

    @property
    def host(self) -> str:
        return (urlsplit(self.root).hostname or "").lower()

    def follows(self, committee: str | None) -> bool:
        if not self.committees:
            return True
        return committee is not None and _fold(committee) in {_fold(c) for c in self.committees}


def _fold(title: str) -> str:
    return " ".join(title.split()).casefold()


def site_from_url(url: str, committees: tuple[str, ...] = (), name: str | None = None) -> Site:
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise SitesError(f"{url}: not an http or https URL of a ModernGov site")
    return Site(root=site_root(url), name=name or parts.hostname.lower(), committees=committees)


def load_sites(path: Path) -> tuple[list[Site], str | None]:
    """The sites of a sites.toml and its contact address, if it gives one."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SitesError(f"{path}: cannot read the sites file ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SitesError(f"{path}: not valid TOML ({exc})") from None
    entries = data.get("site", [])
    if not isinstance(entries, list) or not entries:
        raise SitesError(f"{path}: no [[site]] entries")
    sites = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
            raise SitesError(f"{path}: site {number} has no url")
        committees = entry.get("committees", [])
        if not isinstance(committees, list) or not all(isinstance(c, str) for c in committees):
            raise SitesError(f"{path}: site {number}: committees must be a list of names")
        name = entry.get("name")
        if name is not None and not isinstance(name, str):
            raise SitesError(f"{path}: site {number}: name must be text")
        try:
            sites.append(site_from_url(entry["url"], tuple(committees), name))
        except SitesError as error:
            raise SitesError(f"{path}: site {number}: {error}") from None
    contact = data.get("contact")
    return sites, contact if isinstance(contact, str) else None


def window(today: date, since: date | None, until: date | None, last_pass: date | None) -> tuple[date, date]:
    """The meeting dates a pass covers, both ends included.

    >>> window(date(2026, 12, 4), None, None, None)
    (datetime.date(2026, 11, 4), datetime.date(2026, 12, 18))
    >>> window(date(2026, 12, 4), None, None, date(2026, 12, 3))
    (datetime.date(2026, 11, 19), datetime.date(2026, 12, 18))
    >>> window(date(2026, 12, 4), date(2026, 1, 1), date(2026, 1, 31), date(2026, 12, 3))
    (datetime.date(2026, 1, 1), datetime.date(2026, 1, 31))
    """
    if since is None:
        since = last_pass - timedelta(days=OVERLAP_DAYS) if last_pass else today - timedelta(days=FIRST_PASS_DAYS)
    return since, until or today + timedelta(days=AHEAD_DAYS)
