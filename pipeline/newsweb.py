"""A local news web on loopback: the bundled sample site, plus routes that
misbehave on purpose (used by the demo, the tests and the benchmarks).

Static files come from a folder (default ``pipeline/data/sample_site``);
``{base}`` inside them is replaced with the server's origin.  Extra routes
(``add_route``) return any status, headers and body, or hang, drip or
redirect; they are how tests build hostile feeds and pages.
"""

from __future__ import annotations

import hashlib
import mimetypes
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pipeline.config import DATA_DIR

SAMPLE_SITE = DATA_DIR / "sample_site"


@dataclass
class Route:
    status: int = 200
    body: bytes | Callable[[dict[str, str]], bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (hang)
    drip: float = 0.0  # seconds between 1-byte writes (slow drip)
    conditional: bool = False  # answer 304 when If-None-Match matches ETag
    drop: bool = False  # close the connection without answering (a host that refuses pollers)
    refuse_agents: str | None = None  # answer 403 to a User-Agent starting with this (e.g. "Mozilla/")


class NewsWeb:
    def __init__(self, root: Path | None = SAMPLE_SITE, host: str = "127.0.0.1", port: int = 0) -> None:
        self.root = root
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._lock = threading.Lock()
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out at once (no 40 ms stall)

            def log_message(self, format: str, *args: object) -> None:
                return

            def do_GET(self) -> None:
                web._handle(self)

        self.server = ThreadingHTTPServer((host, port), Handler)
        self.server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def add_route(self, path: str, route: Route | None = None, **kwargs: object) -> str:
        self.routes[path] = route or Route(**kwargs)  # type: ignore[arg-type]
        return self.url(path)

    def start(self) -> NewsWeb:
        self._thread = threading.Thread(target=self.server.serve_forever, name="newsweb", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> NewsWeb:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- serving -----------------------------------------------------------
    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        path = urlsplit(h.path).path
        headers = {k.lower(): v for k, v in h.headers.items()}
        with self._lock:
            self.hits[path] = self.hits.get(path, 0) + 1
            self.requests.append((h.path, headers))
        route = self.routes.get(path)
        try:
            if route is not None:
                self._serve_route(h, route, headers)
            else:
                self._serve_file(h, path)
        except (BrokenPipeError, ConnectionResetError):
            return

    def _serve_route(self, h: BaseHTTPRequestHandler, route: Route, req: dict[str, str]) -> None:
        if route.delay:
            time.sleep(route.delay)
        if route.drop:
            h.close_connection = True
            h.connection.shutdown(socket.SHUT_RDWR)
            return
        if route.refuse_agents and req.get("user-agent", "").startswith(route.refuse_agents):
            route = Route(status=403, body=b"forbidden", headers={"Content-Type": "text/plain"})
        body = route.body(req) if callable(route.body) else route.body
        etag = route.headers.get("ETag")
        if route.conditional and etag and req.get("if-none-match") == etag:
            h.send_response(304)
            h.send_header("ETag", etag)
            h.send_header("Content-Length", "0")
            h.end_headers()
            return
        h.send_response(route.status)
        for k, v in route.headers.items():
            h.send_header(k, v)
        if "content-length" not in {k.lower() for k in route.headers}:
            h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        if route.drip:
            for i in range(len(body)):
                h.wfile.write(body[i : i + 1])
                h.wfile.flush()
                time.sleep(route.drip)
        else:
            h.wfile.write(body)

    def _serve_file(self, h: BaseHTTPRequestHandler, path: str) -> None:
        if self.root is None:
            return self._not_found(h)
        rel = unquote(path).lstrip("/") or "index.html"
        if rel.endswith("/"):
            rel += "index.html"
        target = (self.root / rel).resolve()
        if not target.is_file() or self.root.resolve() not in target.parents:
            return self._not_found(h)
        body = target.read_bytes().replace(b"{base}", self.base_url.encode())
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        last_modified = formatdate(int(target.stat().st_mtime), usegmt=True)
        if h.headers.get("If-None-Match") == etag:
            h.send_response(304)
            h.send_header("ETag", etag)
            h.send_header("Content-Length", "0")
            h.end_headers()
            return
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if target.suffix == ".xml":
            ctype = "application/rss+xml" if target.name.startswith("rss") else "application/xml"
        if ctype.startswith("text/") or ctype.endswith("xml"):
            ctype += "; charset=utf-8"
        h.send_response(200)
        h.send_header("ETag", etag)
        h.send_header("Last-Modified", last_modified)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    def _not_found(self, h: BaseHTTPRequestHandler) -> None:
        body = b"not found"
        h.send_response(404)
        h.send_header("Content-Type", "text/plain")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)


def serve_forever(port: int = 8765) -> None:
    """Serve the sample site until killed (``python -m pipeline.newsweb --port P``; ``rasd up --sample``)."""
    web = NewsWeb(port=port).start()
    print(f"sample news site on {web.base_url}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        web.stop()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Serve the bundled sample news site on loopback.")
    parser.add_argument("--port", type=int, default=8765)
    serve_forever(parser.parse_args().port)
