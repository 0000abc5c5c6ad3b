"""A loopback HTTP proxy in front of the real Elasticsearch that can misbehave
on ``_bulk`` requests: answer 429 to whole requests, or reject chosen
document ids item by item.  Everything else is forwarded untouched."""

from __future__ import annotations

import http.client
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class ESProxy:
    def __init__(self, es_url: str) -> None:
        target = urlsplit(es_url)
        self.target = (target.hostname or "127.0.0.1", target.port or 9200)
        self.reject_requests = 0  # answer 429 to this many whole _bulk requests
        # id -> status to answer for that item in the articles index, every time
        self.reject_ids: dict[str, int] = {}
        self.bulk_requests = 0
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def _forward(self) -> None:
                proxy.handle(self)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward  # noqa: N815

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        is_bulk = urlsplit(h.path).path.endswith("/_bulk")
        if is_bulk:
            with self.lock:
                self.bulk_requests += 1
                reject = self.reject_requests > 0
                if reject:
                    self.reject_requests -= 1
            if reject:
                return self._reply(h, 429, json.dumps({"error": {"type": "es_rejected_execution_exception",
                                                                 "reason": "rejected by test proxy"},
                                                       "status": 429}).encode())
        rejected: list[tuple[int, dict]] = []
        if is_bulk and self.reject_ids:
            body, rejected = self._drop_rejected(body)
            if not body.strip():  # every item rejected: answer without asking Elasticsearch
                items = [{next(iter(a)): self._error_item(a)} for _, a in rejected]
                return self._reply(h, 200, json.dumps({"took": 0, "errors": True, "items": items}).encode())
        conn = http.client.HTTPConnection(*self.target, timeout=60)
        headers = {k: v for k, v in h.headers.items() if k.lower() not in {"host", "content-length", "connection"}}
        conn.request(h.command, h.path, body=body or None, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        out_headers = [(k, v) for k, v in resp.getheaders() if k.lower() not in {"content-length", "connection",
                                                                                  "transfer-encoding"}]
        conn.close()
        if rejected and resp.status == 200:
            result = json.loads(data)
            items = result.get("items", [])
            for pos, action in rejected:  # put the rejections back where they were asked
                items.insert(pos, {next(iter(action)): self._error_item(action)})
            result["errors"] = True
            data = json.dumps(result).encode()
        self._reply(h, resp.status, data, out_headers)

    def _drop_rejected(self, body: bytes) -> tuple[bytes, list[tuple[int, dict]]]:
        """Remove the chosen ids from an NDJSON bulk body: Elasticsearch never sees them."""
        lines = body.decode("utf-8").splitlines()
        kept: list[str] = []
        rejected: list[tuple[int, dict]] = []
        i = pos = 0
        while i < len(lines):
            if not lines[i].strip():
                i += 1
                continue
            action = json.loads(lines[i])
            op = next(iter(action))
            width = 1 if op == "delete" else 2
            if action[op].get("_id") in self.reject_ids and "-articles" in str(action[op].get("_index")):
                rejected.append((pos, action))
            else:
                kept.extend(lines[i : i + width])
            i += width
            pos += 1
        return ("\n".join(kept) + "\n").encode() if kept else b"", rejected

    def _error_item(self, action: dict) -> dict:
        op = next(iter(action))
        doc_id = action[op].get("_id")
        status = self.reject_ids[doc_id]
        kind = "es_rejected_execution_exception" if status == 429 else "document_parsing_exception"
        return {"_index": action[op].get("_index"), "_id": doc_id, "status": status,
                "error": {"type": kind, "reason": "rejected by test proxy"}}

    @staticmethod
    def _reply(h: BaseHTTPRequestHandler, status: int, data: bytes,
               headers: list[tuple[str, str]] | None = None) -> None:
        h.send_response(status)
        sent = False
        for k, v in headers or []:
            h.send_header(k, v)
            sent = sent or k.lower() == "x-elastic-product"
        if not sent:
            h.send_header("X-Elastic-Product", "Elasticsearch")
            h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        if h.command != "HEAD":
            h.wfile.write(data)
