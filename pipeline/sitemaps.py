"""Reading a publisher's (news) sitemap for the URLs of a time window.

Shared by the backfill (a window of days) and by polling, where a sitemap is one of a
source's ways in (the window is the last ``sitemap_recent_hours``). A sitemap index is
followed one level: children whose ``lastmod`` is before the window are skipped, the
newest first. Only dated URLs (``lastmod`` or ``news:publication_date``) inside the
window are kept: an undated URL is never guessed into one.
"""

from __future__ import annotations

from datetime import datetime

from pipeline.feeds import parse_feed, sitemap_children
from pipeline.fetch import Fetcher, Response
from pipeline.models import FeedEntry

MAX_CHILD_SITEMAPS = 50


def window_entries(
    fetcher: Fetcher,
    url: str,
    *,
    source_id: str,
    since: datetime,
    until: datetime | None = None,
    max_bytes: int,
    max_children: int = MAX_CHILD_SITEMAPS,
    user_agent: str | None = None,
    first: Response | None = None,
) -> tuple[list[FeedEntry], int]:
    """Entries of sitemap ``url`` dated in ``[since, until)``, newest first, and how many
    URLs were read in all. ``first``: the sitemap's response when the caller fetched it."""
    resp = first or fetcher.get(url, max_bytes=max_bytes, user_agent=user_agent)
    entries: list[FeedEntry] = []
    children = sitemap_children(resp.content)
    if children is not None:
        newest_first = sorted(children, key=lambda c: (c[1] is not None, c[1] or since), reverse=True)
        kept = [c for c in newest_first if c[1] is None or c[1] >= since][:max_children]
        for child_url, _lastmod in kept:
            child = fetcher.get(child_url, max_bytes=max_bytes, user_agent=user_agent)
            entries += parse_feed(child.content, source_id=source_id, feed_url=child_url)
    else:
        entries = parse_feed(resp.content, source_id=source_id, feed_url=url, headers=resp.headers)
    seen = len(entries)
    dated = [e for e in entries if e.published is not None and e.published >= since
             and (until is None or e.published < until)]
    dated.sort(key=lambda e: e.published or since, reverse=True)
    return dated, seen
