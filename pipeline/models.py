"""Typed records that flow through the pipeline.

One :class:`Article` grows as it passes the stages, through named
sub-objects (feed entry, HTTP metadata, content, language, tags, dedup),
in the manner of Media Cloud's story record, instead of loose dicts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

FeedKind = Literal["rss", "atom", "sitemap", "google-news"]
# The order of the ways into a source: its own feeds, then its sitemap, then a Google News search.
KIND_RANK: dict[str, int] = {"rss": 0, "atom": 0, "sitemap": 1, "google-news": 2}


class FeedSpec(BaseModel):
    """One way into a source: a feed, a sitemap or a Google News search."""

    model_config = ConfigDict(extra="forbid")

    url: str
    kind: FeedKind = "rss"
    # True when the evidence shows the URL answering with a valid feed; false = unchecked or failing
    verified: bool = False
    # What was seen of this URL and when (an audit, a homepage snapshot, `rasd feeds discover`)
    evidence: str | None = None


class Source(BaseModel):
    """One publisher of the registry (``pipeline/data/sources.yaml``).

    ``feeds`` are the ways in, in order of preference: the first that works is polled; the
    ones above it are retried on their slow schedule and take over again when they recover
    (``pipeline.routing``)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    name_en: str | None = None
    homepage: str | None = None
    feeds: list[FeedSpec]
    libya_focused: bool = False
    language: str = "ar"
    poll_interval_minutes: int = Field(default=30, ge=1)
    enabled: bool = True
    notes: str | None = None
    # Sent instead of the default User-Agent to this source's hosts (feeds, pages, robots.txt rules)
    user_agent: str | None = None
    # No new item from any way for this long: the source is "silent" (red in feeds status)
    silent_after_hours: float = Field(default=72.0, gt=0)


class FeedEntry(BaseModel):
    """One item of a feed, as the publisher announced it."""

    source_id: str
    feed_url: str
    url: str
    title: str | None = None
    summary: str | None = None
    published: datetime | None = None
    author: str | None = None
    guid: str | None = None


class HttpMeta(BaseModel):
    url: str
    final_url: str
    status: int
    headers: dict[str, str] = Field(default_factory=dict)
    fetched_at: datetime
    encoding: str | None = None
    elapsed_ms: float | None = None
    redirects: list[str] = Field(default_factory=list)


class Content(BaseModel):
    title: str | None = None
    text: str = ""
    published_at: datetime | None = None
    date_source: str | None = None
    author: str | None = None
    sitename: str | None = None
    method: Literal["trafilatura", "feed_summary", "none"] = "trafilatura"


class LanguageInfo(BaseModel):
    lang: str
    prob: float
    reason: str | None = None


class Mention(BaseModel):
    id: str
    name: str
    name_en: str | None = None
    kind: Literal["person", "place", "org", "topic"]
    spans: list[tuple[int, int]] = Field(default_factory=list)
    surface: list[str] = Field(default_factory=list)


class Tags(BaseModel):
    persons: list[Mention] = Field(default_factory=list)
    places: list[Mention] = Field(default_factory=list)
    orgs: list[Mention] = Field(default_factory=list)
    topics: list[Mention] = Field(default_factory=list)
    libya_relevance: float = 0.0
    libya_relevant: bool = False
    evidence: list[str] = Field(default_factory=list)


class Dedup(BaseModel):
    content_hash: str | None = None
    title_hash: str | None = None
    duplicate_of: str | None = None
    cluster_id: str | None = None
    cluster_size: int = 1
    is_cluster_lead: bool = True
    minhash_bands: list[str] = Field(default_factory=list)
    minhash_sig: list[int] = Field(default_factory=list)


class Article(BaseModel):
    """The record every stage reads and extends."""

    id: str
    url: str
    canonical_url: str
    source_id: str
    source_name: str | None = None
    libya_focused_source: bool = False
    entry: FeedEntry | None = None
    http: HttpMeta | None = None
    content: Content | None = None
    language: LanguageInfo | None = None
    tags: Tags | None = None
    dedup: Dedup | None = None
    archive_ref: str | None = None

    def to_document(self, indexed_at: datetime) -> dict[str, Any]:
        """The Elasticsearch document (fields of ``index_template.json``)."""
        content = self.content or Content()
        tags = self.tags or Tags()
        dedup = self.dedup or Dedup(cluster_id=self.id)
        doc: dict[str, Any] = {
            "url": self.url,
            "canonical_url": self.canonical_url,
            "source_id": self.source_id,
            "source_name": self.source_name,
            "title": content.title,
            "body": content.text,
            "summary": self.entry.summary if self.entry else None,
            "author": content.author,
            "sitename": content.sitename,
            "published_at": content.published_at.isoformat() if content.published_at else None,
            "date_source": content.date_source,
            "extraction_method": content.method,
            "language": self.language.lang if self.language else None,
            "language_prob": self.language.prob if self.language else None,
            "persons": [m.name for m in tags.persons],
            "places": [m.name for m in tags.places],
            "orgs": [m.name for m in tags.orgs],
            "topics": [m.id for m in tags.topics],
            "libya_relevance": tags.libya_relevance,
            "libya_relevant": tags.libya_relevant,
            "relevance_evidence": tags.evidence,
            "content_hash": dedup.content_hash,
            "title_hash": dedup.title_hash,
            "duplicate_of": dedup.duplicate_of,
            "cluster_id": dedup.cluster_id or self.id,
            "cluster_size": dedup.cluster_size,
            "is_cluster_lead": dedup.is_cluster_lead,
            "minhash_bands": dedup.minhash_bands,
            "minhash_sig": dedup.minhash_sig,
            "http_status": self.http.status if self.http else None,
            "final_url": self.http.final_url if self.http else None,
            "fetched_at": self.http.fetched_at.isoformat() if self.http else None,
            "archive_ref": self.archive_ref,
            "indexed_at": indexed_at.isoformat(),
        }
        doc = {k: v for k, v in doc.items() if v is not None}
        doc.update(event_time_fields(doc))
        return doc


def event_time_fields(doc: dict[str, Any]) -> dict[str, str]:
    """The article's never-null time for Kibana: the publisher's date (``published_at``), else
    when Rasd first saw it (``fetched_at``, the fetch of the archived page; re-processing keeps
    it), else when it was indexed. ``time_basis`` says which. Used for new documents and by the
    index migration for stored ones (``pipeline.lifecycle``)."""
    for field_name, basis in (("published_at", "published"), ("fetched_at", "first_seen"),
                              ("indexed_at", "indexed")):
        value = doc.get(field_name)
        if value:
            return {"event_time": str(value), "time_basis": basis}
    return {}
