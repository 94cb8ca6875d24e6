"""What `council-facts watch` remembers between passes, in OUT/.council-facts/watch.sqlite.

SQLite in WAL mode with synchronous=FULL: every committed change survives a SIGKILL or a power
cut, and a killed pass leaves the last committed state, never a torn file. One pass holds the
output folder's lock, so there is a single writer.

    passes     per site: when its last pass started (the next window starts 14 days before)
    meetings   every meeting seen: site, id, committee, date, when first seen and last polled
    urls       every document URL fetched: validators (ETag, Last-Modified), attachment id and the
               sha256 of the body, so an unchanged document is never downloaded twice
    sources    where each document came from: (document_id, url) with its meeting and agenda item
    failures   fetch errors still standing, by URL: a document's stays until its URL next succeeds,
               a listing's (web service, meeting pages) until the site's next pass
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.batch.state import STATE_DIR

_SCHEMA = """
CREATE TABLE IF NOT EXISTS passes (site TEXT PRIMARY KEY, started TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meetings (
    site TEXT NOT NULL, meeting_id TEXT NOT NULL, committee TEXT, meeting_date TEXT,
    first_seen TEXT NOT NULL, last_polled TEXT NOT NULL, PRIMARY KEY (site, meeting_id));
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY, site TEXT NOT NULL, attachment_id TEXT, etag TEXT, last_modified TEXT,
    sha256 TEXT, file TEXT, content_type TEXT, fetched TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    document_id TEXT NOT NULL, url TEXT NOT NULL, site TEXT NOT NULL, committee TEXT, meeting_id TEXT,
    meeting_date TEXT, agenda_item TEXT, title TEXT, published TEXT, first_seen TEXT NOT NULL,
    PRIMARY KEY (document_id, url));
CREATE TABLE IF NOT EXISTS failures (
    url TEXT PRIMARY KEY, site TEXT NOT NULL, kind TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL,
    at TEXT NOT NULL);
"""


def state_path(out: Path) -> Path:
    return out / STATE_DIR / "watch.sqlite"


@dataclass(frozen=True)
class KnownUrl:
    url: str
    attachment_id: str | None
    etag: str | None
    last_modified: str | None
    sha256: str | None
    file: str | None


@dataclass(frozen=True)
class Source:
    """One sighting of a document: which URL, site, meeting and agenda item."""

    url: str
    site: str
    committee: str | None
    meeting_id: str | None
    meeting_date: str | None
    agenda_item: str | None
    title: str | None
    published: str | None


class WatchState:
    """One connection; use it from one thread."""

    def __init__(self, out: Path) -> None:
        path = state_path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None)  # autocommit; `with self._tx()` groups
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA busy_timeout=10000")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def _rows(self, sql: str, *args: Any) -> list[sqlite3.Row]:
        self._db.row_factory = sqlite3.Row
        return list(self._db.execute(sql, args))

    # --- passes and meetings ----------------------------------------------------------------

    def last_pass(self, site: str) -> str | None:
        rows = self._rows("SELECT started FROM passes WHERE site = ?", site)
        return str(rows[0]["started"]) if rows else None

    def record_pass(self, site: str, started: str) -> None:
        self._db.execute("INSERT INTO passes VALUES (?, ?) ON CONFLICT(site) DO UPDATE SET started = excluded.started",
                         (site, started))

    def meeting_known(self, site: str, meeting_id: str) -> bool:
        return bool(self._rows("SELECT 1 FROM meetings WHERE site = ? AND meeting_id = ?", site, meeting_id))

    def record_meeting(self, site: str, meeting_id: str, committee: str | None, meeting_date: str | None,
                       now: str) -> None:
        self._db.execute(
            "INSERT INTO meetings VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(site, meeting_id) DO UPDATE SET "
            "committee = excluded.committee, meeting_date = excluded.meeting_date, last_polled = excluded.last_polled",
            (site, meeting_id, committee, meeting_date, now, now))

    def meetings(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM meetings").fetchone()[0])

    # --- URLs and the bodies behind them ----------------------------------------------------

    def known_url(self, url: str) -> KnownUrl | None:
        rows = self._rows("SELECT url, attachment_id, etag, last_modified, sha256, file FROM urls WHERE url = ?", url)
        return KnownUrl(**dict(rows[0])) if rows else None

    def known_attachment(self, site: str, attachment_id: str) -> KnownUrl | None:
        rows = self._rows("SELECT url, attachment_id, etag, last_modified, sha256, file FROM urls "
                          "WHERE site = ? AND attachment_id = ? AND sha256 IS NOT NULL", site, attachment_id)
        return KnownUrl(**dict(rows[0])) if rows else None

    def record_url(self, url: str, site: str, attachment_id: str | None, etag: str | None,
                   last_modified: str | None, sha256: str | None, file: str | None, content_type: str | None,
                   now: str) -> None:
        self._db.execute(
            "INSERT INTO urls VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET "
            "attachment_id = excluded.attachment_id, etag = excluded.etag, last_modified = excluded.last_modified, "
            "sha256 = excluded.sha256, file = excluded.file, content_type = excluded.content_type, "
            "fetched = excluded.fetched",
            (url, site, attachment_id, etag, last_modified, sha256, file, content_type, now))

    # --- where documents came from ----------------------------------------------------------

    def record_source(self, document_id: str, source: Source, now: str) -> bool:
        """Remember a sighting; the earliest meeting wins. True when (document, url) is new."""
        existing = self._rows("SELECT meeting_date FROM sources WHERE document_id = ? AND url = ?",
                              document_id, source.url)
        if existing:
            earlier = existing[0]["meeting_date"]
            if source.meeting_date and (earlier is None or source.meeting_date < earlier):
                self._db.execute(
                    "UPDATE sources SET site = ?, committee = ?, meeting_id = ?, meeting_date = ?, agenda_item = ?, "
                    "title = ?, published = ? WHERE document_id = ? AND url = ?",
                    (source.site, source.committee, source.meeting_id, source.meeting_date, source.agenda_item,
                     source.title, source.published, document_id, source.url))
            return False
        self._db.execute("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (document_id, source.url, source.site, source.committee, source.meeting_id,
                          source.meeting_date, source.agenda_item, source.title, source.published, now))
        return True

    def sources(self) -> Iterator[dict[str, Any]]:
        for row in self._rows("SELECT * FROM sources ORDER BY document_id, url"):
            yield dict(row)

    def earliest_meetings(self) -> dict[str, str]:
        """document_id -> the earliest meeting date it appears at: its reference date when its
        text shows none."""
        rows = self._rows("SELECT document_id, min(meeting_date) AS day FROM sources "
                          "WHERE meeting_date IS NOT NULL GROUP BY document_id")
        return {str(r["document_id"]): str(r["day"]) for r in rows}

    # --- standing failures ------------------------------------------------------------------

    def record_failure(self, url: str, site: str, kind: str, code: str, message: str, now: str) -> None:
        self._db.execute("INSERT INTO failures VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET "
                         "kind = excluded.kind, code = excluded.code, message = excluded.message, at = excluded.at",
                         (url, site, kind, code, message, now))

    def clear_listing_failures(self, site: str) -> None:
        self._db.execute("DELETE FROM failures WHERE site = ? AND kind = 'listing'", (site,))

    def clear_failure(self, url: str) -> None:
        self._db.execute("DELETE FROM failures WHERE url = ?", (url,))

    def failures(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self._rows("SELECT * FROM failures ORDER BY url")]
