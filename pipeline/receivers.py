"""Alert receivers on loopback: a real SMTP server (aiosmtpd) and a webhook endpoint.

What the alert tests, the benchmark and the demo deliver to, in the manner of
``pipeline.newsweb`` for feeds: each records what it received (with the time),
and can refuse on purpose, the SMTP server with a temporary ``451`` for the
next N messages, the webhook with scripted statuses (e.g. 500, then 200).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


@dataclass
class Mail:
    sender: str
    recipients: list[str]
    message: EmailMessage
    raw: bytes
    received_at: float


class SmtpInbox:
    """An aiosmtpd server in a thread. ``refuse(n)``: answer the next ``n`` messages with 451."""

    def __init__(self, host: str = "127.0.0.1", port: int | None = None) -> None:
        self.host = host
        self.port = port or free_port(host)
        self.mails: list[Mail] = []
        self.refused = 0
        self._refuse_next = 0
        self._lock = threading.Lock()
        self._controller: Any = None

    def refuse(self, n: int) -> None:
        with self._lock:
            self._refuse_next = n

    def start(self) -> SmtpInbox:
        from aiosmtpd.controller import Controller

        inbox = self

        class Handler:
            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd API)
                with inbox._lock:
                    if inbox._refuse_next > 0:
                        inbox._refuse_next -= 1
                        inbox.refused += 1
                        return "451 4.3.0 Try again later"
                    raw = bytes(envelope.original_content or envelope.content)
                    msg = message_from_bytes(raw, policy=policy.default)
                    inbox.mails.append(Mail(envelope.mail_from, list(envelope.rcpt_tos), msg,  # type: ignore[arg-type]
                                            raw, time.time()))
                return "250 Message accepted for delivery"

        self._controller = Controller(Handler(), hostname=self.host, port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def connection_uri(self, from_email: str = "rasd-alerts@example.org") -> str:
        """An Airflow connection (JSON) for this server: plain SMTP, no TLS, no login."""
        return json.dumps({"conn_type": "smtp", "host": self.host, "port": self.port,
                           "extra": {"from_email": from_email, "disable_ssl": True, "disable_tls": True,
                                     "timeout": 10, "retry_limit": 0}})

    def __enter__(self) -> SmtpInbox:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass
class Post:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    status: int
    received_at: float


@dataclass
class WebhookInbox:
    """A webhook endpoint: records every POST; answers ``script`` statuses first, then 200."""

    host: str = "127.0.0.1"
    script: list[int] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        inbox = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                with inbox._lock:
                    status = inbox.script.pop(0) if inbox.script else 200
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {"_raw": raw.decode("utf-8", "replace")}
                with inbox._lock:
                    inbox.posts.append(Post(self.path, {k.lower(): v for k, v in self.headers.items()}, body, status,
                                            time.time()))
                answer = b"ok" if status < 400 else b"error"
                self.send_response(status)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

        self.server = ThreadingHTTPServer((self.host, 0), Handler)
        self.server.daemon_threads = True

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/hooks/rasd"

    @property
    def delivered(self) -> list[Post]:
        """The posts answered with a 2xx."""
        return [p for p in self.posts if 200 <= p.status < 300]

    def connection_uri(self) -> str:
        return json.dumps({"conn_type": "http", "extra": {"url": self.url}})

    def start(self) -> WebhookInbox:
        threading.Thread(target=self.server.serve_forever, name="webhook-inbox", daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> WebhookInbox:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
