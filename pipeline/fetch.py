"""Safe, polite HTTP fetching for feeds and pages.

Every connection goes through :class:`GuardedBackend`, which resolves the host
itself, refuses non-global addresses and connects to the vetted address, so
each redirect hop (followed here, never by httpx) and every DNS answer is
checked.  Bodies are read as a stream and cut at a size cap on the
*decompressed* bytes; a total deadline bounds slow drips.
"""

from __future__ import annotations

import codecs
import ipaddress
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Protocol
from urllib.parse import urljoin, urlsplit

import charset_normalizer
import httpcore
import httpx
from protego import Protego

from pipeline.challenge import challenge_url, detect_challenge
from pipeline.config import Settings, get_settings
from pipeline.errors import FetchError

Resolver = Callable[[str, int], list[str]]
# Maps a vetted (ip, port) to where the socket really goes: identity in
# production; tests use it to prove that nothing but loopback is ever dialled.
Connector = Callable[[str, int], tuple[str, int]]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.IGNORECASE)


# Non-public ranges some Python versions still call global (CVE-2024-4032, deprecated site-local).
_ALWAYS_REFUSED = [ipaddress.ip_network(n) for n in (
    "192.0.0.0/24", "198.18.0.0/15", "100.64.0.0/10", "fec0::/10", "64:ff9b:1::/48", "2001::/23",
)]


def default_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"DNS lookup failed for {host}: {exc}", kind="dns") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def address_refusal(ip: str, *, allow_loopback: bool) -> str | None:
    """Why a connection to ``ip`` is refused, or None when it is allowed.

    Only global addresses are allowed; loopback only with ``allow_loopback``
    (tests and the demo).  Private, link-local (169.254.169.254), unique-local,
    multicast, reserved and unspecified addresses stay refused, also inside
    IPv4-mapped or 6to4/Teredo IPv6 forms.
    """
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return f"not an IP address: {ip!r}"
    if isinstance(addr, ipaddress.IPv6Address):
        inner = addr.ipv4_mapped or addr.sixtofour or (addr.teredo[1] if addr.teredo else None)
        if inner is not None:
            why = address_refusal(str(inner), allow_loopback=allow_loopback)
            return f"{why} (inside {addr})" if why else None
    if addr.is_loopback:
        return None if allow_loopback else f"loopback address {addr} refused"
    if addr.is_link_local:
        return f"link-local address {addr} refused"
    if addr.is_private:
        return f"private address {addr} refused"
    if addr.is_multicast or addr.is_reserved or addr.is_unspecified or not addr.is_global:
        return f"non-global address {addr} refused"
    if any(addr in net for net in _ALWAYS_REFUSED if net.version == addr.version):
        return f"special-purpose address {addr} refused"
    return None


class GuardedBackend(httpcore.SyncBackend):
    """httpcore network backend that vets every address before connecting."""

    def __init__(
        self, *, allow_loopback: bool, resolver: Resolver | None = None, connector: Connector | None = None
    ) -> None:
        self.allow_loopback = allow_loopback
        self.resolver = resolver or default_resolver
        self.connector = connector

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self.resolver(host, port)
        if not addresses:
            raise FetchError(f"no address for {host}", kind="dns")
        reasons = []
        for ip in addresses:
            why = address_refusal(ip, allow_loopback=self.allow_loopback)
            if why is None:
                if self.connector is not None:
                    ip, port = self.connector(ip, port)
                return super().connect_tcp(ip, port, timeout, local_address, socket_options)
            reasons.append(why)
        raise FetchError(f"refused to connect to {host}: {'; '.join(reasons)}", kind="blocked_address")


def guarded_transport(
    *, allow_loopback: bool, resolver: Resolver | None = None, connector: Connector | None = None
) -> httpx.HTTPTransport:
    """An httpx transport whose connections go through :class:`GuardedBackend`."""
    transport = httpx.HTTPTransport()
    # Swap in a pool whose network backend vets every address (httpx has no
    # public knob for the backend; the pool is rebuilt with the same TLS setup).
    old_pool = transport._pool
    transport._pool = httpcore.ConnectionPool(
        ssl_context=old_pool._ssl_context,
        max_connections=20,
        network_backend=GuardedBackend(allow_loopback=allow_loopback, resolver=resolver, connector=connector),
    )
    old_pool.close()
    return transport


@dataclass
class Response:
    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    content: bytes
    redirects: list[str] = field(default_factory=list)
    elapsed_ms: float = 0.0
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def parse_retry_after(value: str | None, *, cap: float = 3600.0) -> float | None:
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - datetime.now(UTC)).total_seconds()
    return max(0.0, min(seconds, cap))


def decode_body(content: bytes, headers: dict[str, str] | None = None) -> tuple[str, str]:
    """Decode an HTML or XML body: declared charsets first (header, meta or XML
    declaration), each tried strictly, then detection; returns (text, encoding).

    A windows-1256 page served with a wrong ``charset=utf-8`` header fails the
    strict utf-8 decode and falls through to its meta tag or to detection.
    """
    candidates: list[str] = []
    ctype = (headers or {}).get("content-type", "")
    m = re.search(r"charset=\s*[\"']?([\w\-:.]+)", ctype, re.IGNORECASE)
    if m:
        candidates.append(m.group(1))
    head = content[:4096]
    for rx in (_XML_ENCODING, _META_CHARSET):
        mm = rx.search(head)
        if mm:
            candidates.append(mm.group(1).decode("ascii", "ignore"))
    for enc in dict.fromkeys(c.lower() for c in candidates):
        if enc in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"}:
            continue  # commonly wrong defaults; every byte "decodes" as latin-1
        try:
            codecs.lookup(enc)  # b"".decode() accepts any name without looking it up
            return content.decode(enc), enc
        except (LookupError, UnicodeError):  # unknown codec names, or idna/punycode-style codecs
            continue
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(content[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return content.decode(best.encoding, errors="replace"), best.encoding
        except LookupError:  # a name Python has no codec for (charset-normalizer's "x-user-defined")
            pass
    return content.decode("utf-8", errors="replace"), "utf-8"


_ROBOTS_UNREACHABLE = frozenset({"http_5xx", "http_429", "timeout", "connect", "dns", "tls"})
# Why a host does not answer at all: reported as such, never as "robots.txt unavailable"
NETWORK_KINDS = frozenset({"dns", "connect", "tls", "timeout"})


def _ssl_cause(exc: BaseException) -> ssl.SSLError | None:
    """The TLS error behind an httpx transport error (httpx → httpcore → ssl), if any."""
    seen: BaseException | None = exc
    for _ in range(6):
        if seen is None:
            return None
        if isinstance(seen, ssl.SSLError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


class RobotsStore(Protocol):
    """robots.txt answers shared beyond one Fetcher (``pipeline.robotstore.EsRobotsStore``)."""

    def get(self, origin: str) -> tuple[int, str] | None: ...

    def put(self, origin: str, status: int, body: str) -> None: ...


class Fetcher:
    """One per task: an httpx client, a robots.txt cache and per-host pacing."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        resolver: Resolver | None = None,
        connector: Connector | None = None,
        respect_robots: bool = True,
        allow_loopback: bool | None = None,
        robots_store: RobotsStore | None = None,
    ) -> None:
        self.settings = settings or get_settings()
        s = self.settings
        transport = guarded_transport(
            allow_loopback=s.fetch_allow_loopback if allow_loopback is None else allow_loopback,
            resolver=resolver, connector=connector,
        )
        self.client = httpx.Client(
            transport=transport,
            follow_redirects=False,
            timeout=httpx.Timeout(s.read_timeout, connect=s.connect_timeout),
            headers={"User-Agent": s.user_agent, "Accept-Language": "ar,en;q=0.5"},
        )
        self.respect_robots = respect_robots
        self._robots: dict[str, Protego | None] = {}
        self._robots_down: dict[str, FetchError] = {}  # origin -> why its robots.txt was unreachable
        self.robots_store = robots_store
        self._host_locks: dict[str, threading.Lock] = {}
        self._host_next: dict[str, float] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- politeness --------------------------------------------------------
    def _origin(self, url: str) -> str:
        p = urlsplit(url)
        return f"{p.scheme}://{p.netloc}"

    def robots(self, url: str) -> Protego | None:
        """The host's robots.txt rules (cached for this Fetcher), read as RFC 9309 says.

        200: its rules. 4xx (but 429): no rules, everything allowed. 429, 5xx or no
        answer (timeout, connection, DNS): unreachable, so nothing may be fetched from
        the host for now; :meth:`allowed` raises ``robots_unavailable``, a transient kind
        the fetch-retry queue retries later. Anything else (too large, redirect loop,
        blocked address): no rules; the page fetch itself then says what is wrong.
        """
        origin = self._origin(url)
        if origin in self._robots:
            return self._robots[origin]
        shared = self.robots_store.get(origin) if self.robots_store is not None else None
        if shared is not None:
            status, text = shared
            self._robots[origin] = Protego.parse(text) if status == 200 else None
            return self._robots[origin]
        parser: Protego | None = None
        try:
            # read as RFC 9309 says: no challenge detection (a 403 challenge is a 4xx: no rules)
            resp = self._request(urljoin(origin, "/robots.txt"), max_bytes=512 * 1024, check_robots=False,
                                 paced=False, detect=False)
            if resp.status == 200:
                text = decode_body(resp.content, resp.headers)[0]
                parser = Protego.parse(text)
                if self.robots_store is not None:
                    self.robots_store.put(origin, 200, text)
        except FetchError as exc:
            if exc.kind in _ROBOTS_UNREACHABLE:
                self._robots_down[origin] = exc  # not shared: the next task asks again
            elif exc.kind in {"http_4xx", "forbidden"} and exc.status and self.robots_store is not None:
                self.robots_store.put(origin, exc.status, "")
            parser = None
        self._robots[origin] = parser
        return parser

    def allowed(self, url: str, user_agent: str | None = None) -> bool:
        """Whether robots.txt lets ``user_agent`` (default: the configured one) fetch ``url``.

        Raises when the host's robots.txt could not be read: with the network cause
        (``dns``, ``connect``, ``tls``, ``timeout``: the host does not answer at all, so
        the feed or page would not either) or ``robots_unavailable`` (the host answered
        robots.txt with a 5xx or 429)."""
        if not self.respect_robots:
            return True
        rp = self.robots(url)
        origin = self._origin(url)
        down = self._robots_down.get(origin)
        if down is not None and down.kind in NETWORK_KINDS:
            raise FetchError(f"{origin} does not answer ({down}); {url} not fetched",
                             kind=down.kind, retry_after=down.retry_after)
        if down is not None:
            raise FetchError(f"robots.txt of {origin} is unreachable ({down}); not fetching {url} now",
                             kind="robots_unavailable", retry_after=down.retry_after)
        return True if rp is None else bool(rp.can_fetch(url, user_agent or self.settings.user_agent))

    def _host_delay(self, url: str, user_agent: str | None = None) -> float:
        delay = self.settings.per_host_delay
        rp = self._robots.get(self._origin(url))
        if rp is not None:
            cd = rp.crawl_delay(user_agent or self.settings.user_agent)
            if cd:
                delay = max(delay, min(float(cd), 30.0))
        return delay

    def _pace(self, url: str) -> threading.Lock:
        host = urlsplit(url).netloc
        with self._lock:
            lock = self._host_locks.setdefault(host, threading.Lock())
        lock.acquire()
        wait = self._host_next.get(host, 0.0) - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        return lock

    # -- fetching ----------------------------------------------------------
    def get(
        self,
        url: str,
        *,
        max_bytes: int | None = None,
        headers: dict[str, str] | None = None,
        check_robots: bool = True,
        user_agent: str | None = None,
    ) -> Response:
        """GET ``url`` following at most ``max_redirects`` redirects, each hop vetted.

        Returns 2xx and 304 responses; raises :class:`FetchError` otherwise (a bot-challenge
        page, whatever its status, as ``blocked_challenge``; 401/403 as ``forbidden``).
        ``user_agent`` replaces the configured User-Agent for this request and for the
        robots.txt rules that apply to it (a source's ``user_agent:``).
        """
        if user_agent:
            headers = {**(headers or {}), "User-Agent": user_agent}
        return self._request(url, max_bytes=max_bytes, headers=headers, check_robots=check_robots,
                             user_agent=user_agent)

    def _request(
        self,
        url: str,
        *,
        max_bytes: int | None,
        headers: dict[str, str] | None = None,
        check_robots: bool = True,
        paced: bool = True,
        user_agent: str | None = None,
        detect: bool = True,
    ) -> Response:
        s = self.settings
        cap = max_bytes or s.max_page_bytes
        start = time.monotonic()
        deadline = start + s.total_timeout
        redirects: list[str] = []
        current = url
        for _hop in range(s.max_redirects + 1):
            scheme = urlsplit(current).scheme.lower()
            if scheme not in {"http", "https"}:
                raise FetchError(f"refused scheme {scheme!r} in {current}", kind="bad_scheme")
            if check_robots and not self.allowed(current, user_agent):
                raise FetchError(f"robots.txt disallows {current}", kind="robots_disallowed")
            # robots.txt itself is exempt from the per-host delay (crawlers agree); pages and feeds are paced
            lock = self._pace(current) if paced else None
            try:
                resp = self._one(current, cap, deadline, headers)
            finally:
                if lock is not None:
                    self._host_next[urlsplit(current).netloc] = (time.monotonic()
                                                                 + self._host_delay(current, user_agent))
                    lock.release()
            if resp.status in (301, 302, 303, 307, 308) and "location" in resp.headers:
                nxt = urljoin(current, resp.headers["location"])
                if challenge_url(nxt):
                    raise FetchError(f"bot challenge: {current} redirects to {nxt}", kind="blocked_challenge",
                                     status=resp.status)
                if nxt in redirects or nxt == url:
                    raise FetchError(f"redirect loop at {nxt}", kind="redirect_loop")
                redirects.append(nxt)
                current = nxt
                continue
            resp.url, resp.redirects = url, redirects
            resp.elapsed_ms = (time.monotonic() - start) * 1000
            if resp.status != 304 and detect:
                vendor = detect_challenge(resp.status, resp.headers, resp.content)
                if vendor:
                    raise FetchError(f"bot challenge ({vendor}) instead of content: HTTP {resp.status} from {current}",
                                     kind="blocked_challenge", status=resp.status,
                                     retry_after=parse_retry_after(resp.headers.get("retry-after")))
            if resp.status == 304 or 200 <= resp.status < 300:
                return resp
            retry_after = parse_retry_after(resp.headers.get("retry-after"))
            if resp.status in (401, 403):
                raise FetchError(f"HTTP {resp.status} from {current}: the publisher refuses this client",
                                 kind="forbidden", status=resp.status)
            if resp.status == 429:
                raise FetchError(f"HTTP 429 from {current}", kind="http_429", status=429, retry_after=retry_after)
            if resp.status >= 500:
                raise FetchError(
                    f"HTTP {resp.status} from {current}", kind="http_5xx", status=resp.status, retry_after=retry_after
                )
            raise FetchError(f"HTTP {resp.status} from {current}", kind="http_4xx", status=resp.status)
        raise FetchError(f"more than {s.max_redirects} redirects from {url}", kind="too_many_redirects")

    def _one(self, url: str, cap: int, deadline: float, headers: dict[str, str] | None) -> Response:
        try:
            with self.client.stream("GET", url, headers=headers) as r:
                chunks: list[bytes] = []
                size = 0
                if r.status_code == 200 or not r.has_redirect_location:
                    for chunk in r.iter_bytes():  # decompressed: caps gzip bombs too
                        size += len(chunk)
                        if size > cap:
                            raise FetchError(f"body of {url} exceeds {cap} bytes", kind="too_large")
                        if time.monotonic() > deadline:
                            raise FetchError(f"{url} exceeded the total deadline", kind="timeout")
                        chunks.append(chunk)
                return Response(
                    url=url,
                    final_url=str(r.url),
                    status=r.status_code,
                    headers={k.lower(): v for k, v in r.headers.items()},
                    content=b"".join(chunks),
                )
        except FetchError:
            raise
        except httpx.TimeoutException as exc:
            raise FetchError(f"timeout fetching {url}: {exc.__class__.__name__}", kind="timeout") from exc
        except httpx.DecodingError as exc:
            raise FetchError(f"undecodable body from {url}: {exc}", kind="bad_encoding") from exc
        except httpx.TransportError as exc:
            tls = _ssl_cause(exc)
            if tls is not None:
                raise FetchError(f"TLS failed with {url}: {tls}", kind="tls") from exc
            raise FetchError(f"cannot connect to {url}: {exc}", kind="connect") from exc
