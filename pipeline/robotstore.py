"""robots.txt answers shared by every worker, in Elasticsearch (``{prefix}-robots``).

Each Airflow task builds its own :class:`pipeline.fetch.Fetcher`, whose robots.txt
cache lives as long as the task. Without a shared store every poll task and
every chunk task would fetch the publisher's robots.txt again: as many requests
as the feeds themselves. :class:`EsRobotsStore` keeps one document per origin
(id = sha1 of the origin) with the status and body of a definite answer (a 200
or a 4xx), fresh for ``robots_cache_minutes`` (RFC 9309 allows up to 24 hours).
The store is an optimisation: when Elasticsearch does not answer, the fetcher
reads robots.txt itself, as before.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, datetime, timedelta

from elasticsearch import Elasticsearch

from pipeline.config import Settings, get_settings

log = logging.getLogger(__name__)
MAX_BODY = 512 * 1024  # characters kept (RFC 9309: parse at least 500 KiB)


def _id(origin: str) -> str:
    return hashlib.sha1(origin.encode()).hexdigest()


class EsRobotsStore:
    def __init__(self, es: Elasticsearch, settings: Settings | None = None) -> None:
        self.es = es
        self.settings = settings or get_settings()

    def get(self, origin: str, *, now: datetime | None = None) -> tuple[int, str] | None:
        """(status, body) of a fresh answer for ``origin``, else None."""
        try:
            doc = self.es.get(index=self.settings.robots_index, id=_id(origin))
        except Exception:  # missing document or index, or no Elasticsearch: read the file
            return None
        src = doc.get("_source") or {}
        try:
            fetched = datetime.fromisoformat(str(src["fetched_at"]))
        except (KeyError, ValueError):
            return None
        age = (now or datetime.now(UTC)) - fetched
        if age > timedelta(minutes=self.settings.robots_cache_minutes) or age < timedelta(minutes=-5):
            return None
        return int(src.get("status") or 0), str(src.get("body") or "")

    def put(self, origin: str, status: int, body: str, *, now: datetime | None = None) -> None:
        try:
            self.es.index(index=self.settings.robots_index, id=_id(origin), document={
                "origin": origin, "status": status, "body": body[:MAX_BODY],
                "fetched_at": (now or datetime.now(UTC)).isoformat()})
        except Exception as exc:  # the store is an optimisation; fetching goes on without it
            log.warning("robots.txt store: could not keep %s: %s", origin, exc)
