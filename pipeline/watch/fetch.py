"""Polite, bounded HTTP for `council-facts watch`.

Every request goes through one `Fetcher`:
- only http and https, and only to the sites' own hosts and those the user allows; a redirect
  elsewhere is refused, not followed;
- robots.txt read once per host and honoured (RFC 9309: a missing file allows everything, an
  unreachable one disallows everything), its Crawl-delay too;
- one request at a time per host (host and port), at most `rate` requests a second;
- an identifying User-Agent with the user's contact address;
- retries with exponential backoff (tenacity) on 429, 5xx, timeouts and broken connections,
  honouring Retry-After;
- conditional requests (ETag, Last-Modified), so an unchanged document is not downloaded again;
- a size limit (`max_download`) checked on Content-Length and again while reading, and a time
  limit on each response from first byte to last, so a slow or endless body is stopped.

Failures are `FetchError`s with a stable code and the URL; nothing here raises anything else.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential, wait_random

from pipeline import __version__
from pipeline.errors import ErrorCode

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_REDIRECTS = 5
ROBOTS_AGENT = "council-facts"
CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchSettings:
    contact: str  # an email address or URL: site owners need to reach whoever runs the job
    rate: float = 1.0  # requests a second, per host
    max_download: int = 50 * 2**20  # bytes, per response
    time_limit: float = 120.0  # seconds for one response, headers to last byte
    connect_timeout: float = 30.0
    retries: int = 3  # attempts after the first
    backoff: float = 2.0  # seconds before the first retry; doubles each time
    max_backoff: float = 60.0
    allowed_hosts: frozenset[str] = frozenset()  # hosts beyond the sites' own

    @property
    def user_agent(self) -> str:
        return f"council-facts/{__version__} (+{self.contact})"


class FetchError(Exception):
    """A URL that could not be fetched: a stable code, the URL and the reason."""

    def __init__(self, code: ErrorCode, url: str, message: str) -> None:
        super().__init__(f"{url}: {code.value}: {message}")
        self.code, self.url, self.message = code, url, message


class _Retryable(Exception):
    """An attempt worth repeating; becomes a FetchError when the attempts run out."""

    def __init__(self, error: FetchError, retry_after: float | None = None) -> None:
        super().__init__(str(error))
        self.error, self.retry_after = error, retry_after


@dataclass(frozen=True)
class Validators:
    """What a server said about a body, sent back to ask 'has it changed?'."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass(frozen=True)
class Fetched:
    """A response: its final URL, status, validators, and its body in memory or in `path`."""

    url: str
    status: int
    content_type: str
    validators: Validators
    body: bytes = b""
    path: Path | None = None
    sha256: str | None = None
    size: int = 0

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def host_key(url: str) -> str:
    """Host and port: the unit of politeness (two sites on one host share its limit).

    >>> host_key("https://democracy.kent.gov.uk/mgWebService.asmx")
    'democracy.kent.gov.uk:443'
    """
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{(parts.hostname or '').lower()}:{port}"


def check_scheme(url: str) -> None:
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise FetchError(ErrorCode.URL_REFUSED, url, "only http and https URLs are fetched")


@dataclass
class _Host:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = 0.0
    interval: float = 1.0
    robots: RobotFileParser | None = None
    robots_error: str | None = None


class Fetcher:
    """One per pass, used from one event loop."""

    def __init__(self, settings: FetchSettings, site_hosts: set[str],
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings
        self.allowed = {h.lower() for h in settings.allowed_hosts} | {h.lower() for h in site_hosts}
        self.requests = 0
        self._hosts: dict[str, _Host] = {}
        # Exponential backoff with jitter, so that many clients retrying do not retry in step.
        self._backoff = wait_exponential(multiplier=settings.backoff, max=settings.max_backoff) \
            + wait_random(0, settings.backoff)
        timeout = httpx.Timeout(settings.connect_timeout, read=settings.connect_timeout)
        self._client = httpx.AsyncClient(headers={"User-Agent": settings.user_agent}, timeout=timeout,
                                         follow_redirects=False, transport=transport, trust_env=False)

    async def close(self) -> None:
        await self._client.aclose()

    def _host(self, url: str) -> _Host:
        key = host_key(url)
        if key not in self._hosts:
            self._hosts[key] = _Host(interval=1.0 / self.settings.rate if self.settings.rate > 0 else 0.0)
        return self._hosts[key]

    def allowed_host(self, url: str) -> bool:
        return (urlsplit(url).hostname or "").lower() in self.allowed

    @asynccontextmanager
    async def _turn(self, url: str) -> AsyncIterator[None]:
        """One request at a time per host, spaced by the host's interval."""
        host = self._host(url)
        async with host.lock:
            wait = host.next_start - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            host.next_start = time.monotonic() + host.interval
            self.requests += 1
            yield

    async def get(self, url: str, *, validators: Validators | None = None, to_folder: Path | None = None,
                  check_robots: bool = True) -> Fetched:
        """GET with retries; the body goes to a temporary file in `to_folder` when given (its
        caller renames it), else into memory. Raises FetchError."""
        check_scheme(url)
        if not self.allowed_host(url):
            raise FetchError(ErrorCode.URL_REFUSED, url,
                             f"{urlsplit(url).hostname} is not a watched site's host; allow it with --allow-host")
        if check_robots:
            await self._check_robots(url)
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.settings.retries + 1),
            wait=self._wait, retry=retry_if_exception_type(_Retryable), reraise=True)
        try:
            async for attempt in retrying:
                with attempt:
                    return await self._follow(url, validators, to_folder, check_robots)
        except _Retryable as exhausted:
            raise exhausted.error from None
        raise AssertionError("unreachable")  # pragma: no cover - tenacity returns or raises

    def _wait(self, retry_state: object) -> float:
        seconds = self._backoff(retry_state)  # type: ignore[arg-type]
        outcome = getattr(retry_state, "outcome", None)
        error = outcome.exception() if outcome is not None else None
        if isinstance(error, _Retryable) and error.retry_after is not None:
            seconds = max(seconds, min(error.retry_after, self.settings.max_backoff))
        return float(seconds)

    async def _follow(self, url: str, validators: Validators | None, to_folder: Path | None,
                      check_robots: bool) -> Fetched:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            fetched = await self._once(current, validators, to_folder)
            if isinstance(fetched, Fetched):
                return fetched
            target = fetched
            check_scheme(target)
            if not self.allowed_host(target):
                raise FetchError(ErrorCode.REDIRECT_REFUSED, url,
                                 f"redirected to another host ({urlsplit(target).hostname}); "
                                 f"allow it with --allow-host to follow")
            if check_robots:
                await self._check_robots(target)
            current = target
        raise FetchError(ErrorCode.REDIRECT_REFUSED, url, f"more than {MAX_REDIRECTS} redirects")

    async def _once(self, url: str, validators: Validators | None, to_folder: Path | None) -> Fetched | str:
        """One request: a Fetched, or the URL a redirect points to."""
        headers = validators.headers() if validators else {}
        async with self._turn(url):
            try:
                async with asyncio.timeout(self.settings.time_limit):
                    async with self._client.stream("GET", url, headers=headers) as response:
                        # The request reached the server before its answer came: counting the
                        # interval from here keeps the server's gaps at least `interval`, however
                        # late the event loop got round to sending it.
                        host = self._host(url)
                        host.next_start = time.monotonic() + host.interval
                        return await self._answer(url, response, to_folder)
            except TimeoutError:
                raise _Retryable(FetchError(ErrorCode.FETCH_TIMEOUT, url,
                                            f"no complete response within {self.settings.time_limit:g} s")) from None
            except httpx.TimeoutException:
                raise _Retryable(FetchError(ErrorCode.FETCH_TIMEOUT, url, "the server did not answer in time")) \
                    from None
            except httpx.TransportError as exc:
                message = " ".join(str(exc).split()) or type(exc).__name__
                raise _Retryable(FetchError(ErrorCode.FETCH_FAILED, url, f"connection failed ({message})")) from None

    async def _answer(self, url: str, response: httpx.Response, to_folder: Path | None) -> Fetched | str:
        status = response.status_code
        if response.is_redirect and "location" in response.headers:
            return str(response.url.join(response.headers["location"]))
        if status in RETRY_STATUSES:
            error = FetchError(ErrorCode.HTTP_STATUS, url, f"HTTP {status} {response.reason_phrase}")
            raise _Retryable(error, _retry_after(response.headers.get("retry-after")))
        if status == 304:
            return Fetched(url, status, "", _validators(response))
        if status >= 300:
            withdrawn = "; the document was withdrawn" if status in (404, 410) else ""
            raise FetchError(ErrorCode.HTTP_STATUS, url, f"HTTP {status} {response.reason_phrase}{withdrawn}")
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > self.settings.max_download:
            raise FetchError(ErrorCode.DOWNLOAD_TOO_LARGE, url,
                             f"the body is {int(length):,} bytes, over the limit of {self.settings.max_download:,}")
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if to_folder is None:
            body = b"".join([chunk async for chunk in self._limited(url, response)])
            return Fetched(url, status, content_type, _validators(response), body=body, size=len(body))
        return await self._to_file(url, response, content_type, to_folder)

    async def _limited(self, url: str, response: httpx.Response) -> AsyncIterator[bytes]:
        size = 0
        async for chunk in response.aiter_bytes(CHUNK):
            size += len(chunk)
            if size > self.settings.max_download:
                raise FetchError(ErrorCode.DOWNLOAD_TOO_LARGE, url,
                                 f"the body passed the limit of {self.settings.max_download:,} bytes")
            yield chunk

    async def _to_file(self, url: str, response: httpx.Response, content_type: str, folder: Path) -> Fetched:
        folder.mkdir(parents=True, exist_ok=True)
        # The name never comes from the server: a random temporary name, renamed to the hash later.
        temp = folder / f".part-{os.urandom(8).hex()}"
        digest, size = hashlib.sha256(), 0
        try:
            with open(temp, "wb") as handle:
                async for chunk in self._limited(url, response):
                    digest.update(chunk)
                    size += len(chunk)
                    handle.write(chunk)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        return Fetched(url, response.status_code, content_type, _validators(response), path=temp,
                       sha256=digest.hexdigest(), size=size)

    async def _check_robots(self, url: str) -> None:
        host = self._host(url)
        if host.robots is None and host.robots_error is None:
            await self._read_robots(url, host)
        if host.robots_error is not None:
            raise FetchError(ErrorCode.ROBOTS_DISALLOWED, url, host.robots_error)
        assert host.robots is not None
        if not host.robots.can_fetch(ROBOTS_AGENT, url):
            raise FetchError(ErrorCode.ROBOTS_DISALLOWED, url, "the site's robots.txt disallows this URL")

    async def _read_robots(self, url: str, host: _Host) -> None:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        parser = RobotFileParser(robots_url)
        try:
            fetched = await self.get(robots_url, check_robots=False)
            parser.parse(fetched.body.decode("utf-8", "replace").splitlines())
        except FetchError as error:
            status = _status_of(error)
            if status is not None and 400 <= status < 500:
                parser.parse([])  # RFC 9309: no robots.txt (4xx) means no restriction
            else:
                host.robots_error = f"robots.txt could not be read ({error.message}); RFC 9309 says to assume " \
                                    f"everything is disallowed"
                return
        delay = parser.crawl_delay(ROBOTS_AGENT)
        if delay:
            host.interval = max(host.interval, float(delay))
        host.robots = parser


def _status_of(error: FetchError) -> int | None:
    if error.code is not ErrorCode.HTTP_STATUS:
        return None
    words = error.message.split()
    return int(words[1]) if len(words) > 1 and words[1].isdigit() else None


def _validators(response: httpx.Response) -> Validators:
    return Validators(etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"))


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date.

    >>> _retry_after("3")
    3.0
    >>> _retry_after(None) is None
    True
    """
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
