"""Error kinds.  Every failure the pipeline records carries one of these kinds,
so run summaries and feed health can count errors by kind."""

from __future__ import annotations


class RasdError(Exception):
    """Base class; ``kind`` is a short stable label for counting."""

    kind = "error"

    def __init__(self, message: str, *, kind: str | None = None) -> None:
        super().__init__(message)
        if kind:
            self.kind = kind


class InputError(RasdError):
    """Bad input (malformed URL, unparsable feed …): clear message, nothing lost."""

    kind = "bad_input"


class FetchError(RasdError):
    """An HTTP fetch failed; ``kind`` tells how (timeout, http_5xx, blocked …)."""

    kind = "fetch"

    def __init__(
        self,
        message: str,
        *,
        kind: str = "fetch",
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, kind=kind)
        self.status = status
        self.retry_after = retry_after


class FeedError(RasdError):
    kind = "bad_feed"


class IndexingError(RasdError):
    kind = "index"
