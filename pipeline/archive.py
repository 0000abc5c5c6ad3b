"""Raw archive of every fetched article page, as WARC (warcio) on any fsspec
file system (a local folder by default; ``s3://…`` etc. by setting
``RASD_ARCHIVE_URL``).

Layout: ``{archive_url}/{YYYY}/{MM}/{DD}/{name}.warc.gz``, partitioned by
*fetch* date; one file per processed chunk, named after the run and the chunk
(a retried task rewrites the same file, so the archive stays idempotent).
Each page is a ``response`` record (original URL, status, headers, the
decompressed body) followed by a ``metadata`` record (JSON: source, feed
entry, final URL, redirects) that points at it with ``WARC-Concurrent-To``.
``archive_ref`` on a document is ``<file>#<offset>``.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import fsspec
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.config import Settings, get_settings

_DROP_HEADERS = {"content-encoding", "transfer-encoding", "content-length", "connection"}


@dataclass
class ArchivedPage:
    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime
    source_id: str | None = None
    entry: dict[str, Any] | None = None
    redirects: list[str] = field(default_factory=list)
    ref: str | None = None


def _join(base: str, *parts: str) -> str:
    return "/".join([base.rstrip("/"), *parts])


class ArchiveWriter:
    """Collects the pages of one chunk and writes them as one WARC file."""

    def __init__(self, name: str, settings: Settings | None = None, when: datetime | None = None) -> None:
        self.settings = settings or get_settings()
        when = when or datetime.now(UTC)
        safe = hashlib.sha1(name.encode()).hexdigest()[:20]
        self.path = _join(self.settings.archive_url, f"{when:%Y}", f"{when:%m}", f"{when:%d}", f"{safe}.warc.gz")
        self._buf = io.BytesIO()
        self._writer = WARCWriter(self._buf, gzip=True)
        self.count = 0

    def add(self, page: ArchivedPage) -> str:
        offset = self._buf.tell()
        headers = [(k, v) for k, v in page.headers.items() if k.lower() not in _DROP_HEADERS]
        headers.append(("Content-Length", str(len(page.body))))
        http = StatusAndHeaders(f"{page.status} -", headers, protocol="HTTP/1.1")
        warc_date = page.fetched_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        rec = self._writer.create_warc_record(
            page.url, "response", payload=io.BytesIO(page.body), http_headers=http,
            warc_headers_dict={"WARC-Date": warc_date},
        )
        self._writer.write_record(rec)
        meta = {
            "source_id": page.source_id,
            "final_url": page.final_url,
            "redirects": page.redirects,
            "entry": page.entry,
            "fetched_at": page.fetched_at.isoformat(),
        }
        mrec = self._writer.create_warc_record(
            page.url, "metadata", payload=io.BytesIO(json.dumps(meta, ensure_ascii=False).encode("utf-8")),
            warc_content_type="application/json",
            warc_headers_dict={"WARC-Concurrent-To": rec.rec_headers.get_header("WARC-Record-ID"),
                               "WARC-Date": warc_date},
        )
        self._writer.write_record(mrec)
        self.count += 1
        return f"{self.path}#{offset}"

    def close(self) -> str | None:
        if not self.count:
            return None
        with fsspec.open(self.path, "wb", auto_mkdir=True) as f:
            f.write(self._buf.getvalue())
        return self.path


def read_file(path: str) -> Iterator[ArchivedPage]:
    """Pages of one WARC file, in order."""
    pending: dict[str, ArchivedPage] = {}
    with fsspec.open(path, "rb") as f:
        it = ArchiveIterator(f)
        for rec in it:
            if rec.rec_type == "response":
                page = ArchivedPage(
                    url=rec.rec_headers.get_header("WARC-Target-URI"),
                    final_url=rec.rec_headers.get_header("WARC-Target-URI"),
                    status=int(rec.http_headers.get_statuscode()),
                    headers={k.lower(): v for k, v in rec.http_headers.headers},
                    body=rec.content_stream().read(),
                    fetched_at=datetime.fromisoformat(rec.rec_headers.get_header("WARC-Date").replace("Z", "+00:00")),
                    ref=f"{path}#{it.get_record_offset()}",
                )
                pending[rec.rec_headers.get_header("WARC-Record-ID")] = page
            elif rec.rec_type == "metadata":
                target = rec.rec_headers.get_header("WARC-Concurrent-To")
                page = pending.pop(target, None)  # type: ignore[arg-type]
                if page is None:
                    continue
                meta = json.loads(rec.content_stream().read().decode("utf-8"))
                page.final_url = meta.get("final_url") or page.url
                page.source_id = meta.get("source_id")
                page.entry = meta.get("entry")
                page.redirects = meta.get("redirects") or []
                if meta.get("fetched_at"):  # full precision (WARC-Date has whole seconds): the same
                    page.fetched_at = datetime.fromisoformat(meta["fetched_at"])  # first-seen time on re-processing
                yield page
    yield from pending.values()


def iter_window(start: date, end: date, settings: Settings | None = None) -> Iterator[ArchivedPage]:
    """Every archived page fetched on the days ``start``..``end`` (inclusive)."""
    s = settings or get_settings()
    fs, root = fsspec.core.url_to_fs(s.archive_url)
    day = start
    while day <= end:
        folder = _join(root, f"{day:%Y}", f"{day:%m}", f"{day:%d}")
        if fs.exists(folder):
            for name in sorted(fs.ls(folder, detail=False)):
                if str(name).endswith(".warc.gz"):
                    yield from read_file(fs.unstrip_protocol(str(name)))
        day += timedelta(days=1)
