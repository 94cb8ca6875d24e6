"""Error codes and the one-line messages users see.

Every way a document can fail maps to a stable code, so a batch run can count failures by
kind and a user can tell "the file is encrypted" from "we have a bug".
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    EMPTY = "E_EMPTY"
    UNSUPPORTED = "E_UNSUPPORTED"
    PDF_CORRUPT = "E_PDF_CORRUPT"
    PDF_ENCRYPTED = "E_PDF_ENCRYPTED"
    NO_TEXT = "E_NO_TEXT"
    TOO_LARGE = "E_TOO_LARGE"
    NOT_FOUND = "E_NOT_FOUND"
    TIMEOUT = "E_TIMEOUT"
    MEMORY = "E_MEMORY"
    CRASH = "E_CRASH"
    INVALID_OUTPUT = "E_INVALID_OUTPUT"
    INTERNAL = "E_INTERNAL"
    # Fetching (council-facts watch): the record carries the URL.
    HTTP_STATUS = "E_HTTP_STATUS"
    FETCH_TIMEOUT = "E_FETCH_TIMEOUT"
    FETCH_FAILED = "E_FETCH_FAILED"
    DOWNLOAD_TOO_LARGE = "E_DOWNLOAD_TOO_LARGE"
    REDIRECT_REFUSED = "E_REDIRECT_REFUSED"
    MALFORMED_RESPONSE = "E_MALFORMED_RESPONSE"
    ROBOTS_DISALLOWED = "E_ROBOTS_DISALLOWED"
    URL_REFUSED = "E_URL_REFUSED"


MESSAGE_LIMIT = 500


class ExtractionError(Exception):
    """A document could not be turned into facts; carries what a user needs to know.

    >>> str(ExtractionError(ErrorCode.EMPTY, "load", "the file is empty", source="a.pdf"))
    'a.pdf: E_EMPTY (load): the file is empty'
    """

    def __init__(self, code: ErrorCode, stage: str, message: str, source: str | None = None):
        message = " ".join(message.split())[:MESSAGE_LIMIT]
        super().__init__(message)
        self.code = code
        self.stage = stage
        self.message = message
        self.source = source

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.code.value} ({self.stage}): {self.message}"

    def with_source(self, source: str) -> ExtractionError:
        return ExtractionError(self.code, self.stage, self.message, source)
