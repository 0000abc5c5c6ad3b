"""Delivery of the alert outbox (``{prefix}-alerts``): e-mail over SMTP and webhooks.

A run takes the due documents (``pending`` or ``retrying`` whose
``next_attempt_at`` passed, and ``sending`` whose lease ran out: their worker
died), groups them by watchlist and channel into messages (one per story;
every story of a digest once ``digest_hours`` passed; more than
``alert_burst`` new stories at once go out together), **claims** each
message's documents (``status: sending``, a lease, with ``if_seq_no`` so two
deliverers never take the same document), sends, and marks them ``sent``.

A message that fails for a reason that may pass (connection refused, SMTP 4xx,
HTTP 5xx/429/408, timeouts, a connection not configured yet) is tried again in
the same run (``alert_send_tries``, back-off 1 s, 2 s, …), then by later runs
after ``alert_retry_base_minutes`` × 2^(n−1) (at least any ``Retry-After``),
and after ``alert_max_attempts`` it is ``failed``: shown by ``rasd alerts
list --failed`` and on the health dashboard, revived by ``rasd alerts retry``.
A refusal that will not pass (SMTP 5xx, HTTP 4xx, a blocked address) fails at
once. A server that failed a message is not tried again in the same run: its
other messages wait for the next run with the same error.

Guarantee: at least once. The one window for a duplicate is a worker dying
after the server accepted a message and before the outbox says ``sent``; the
message is then sent again after the lease, with the same ``Message-ID`` and
``Idempotency-Key`` (docs/decisions.md, "Watchlists and alerts").

Server details never come from watchlists: SMTP from the Airflow connection
``alert_smtp_conn_id`` (through the SMTP provider's ``SmtpHook``: TLS, login,
OAuth2), webhook NAME from the Airflow connection ``rasd_webhook_NAME``
(posted with httpx through the fetcher's address guard unless
``alert_webhook_allow_private``).
"""

from __future__ import annotations

import logging
import smtplib
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from elasticsearch import Elasticsearch, NotFoundError
from elasticsearch.helpers import streaming_bulk
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential

from pipeline import messages
from pipeline import watchlists as wl
from pipeline.config import Settings, get_settings
from pipeline.errors import FetchError, RasdError
from pipeline.fetch import guarded_transport, parse_retry_after
from pipeline.index import get_client

log = logging.getLogger(__name__)

MAX_PER_MESSAGE = 50
MAX_BACKOFF = timedelta(hours=12)
DUE_BATCH = 1000


class SendError(RasdError):
    """A message could not be delivered; ``transient``: it may pass (try again later)."""

    kind = "send"

    def __init__(self, message: str, *, kind: str, transient: bool, retry_after: float | None = None) -> None:
        super().__init__(message, kind=kind)
        self.transient = transient
        self.retry_after = retry_after


# -- channels ------------------------------------------------------------------------------------
def webhook_url(name: str) -> str:
    """The URL of Airflow connection ``rasd_webhook_NAME``: extra ``url``, else a host that is a whole
    URL (``http(s)://…``), else the connection URI's parts (``https://host:port/path``)."""
    from airflow.sdk import BaseHook

    conn_id = f"{wl.WEBHOOK_CONN_PREFIX}{name}"
    try:
        conn = BaseHook.get_connection(conn_id)
    except Exception as exc:
        raise SendError(f"no Airflow connection {conn_id} for webhook {name!r}: {exc}", kind="config",
                        transient=True) from exc
    extra = conn.extra_dejson or {}
    host = (conn.host or "").strip()
    if extra.get("url"):
        return str(extra["url"])
    if host.startswith(("http://", "https://")):
        return host
    scheme = conn.conn_type if conn.conn_type in ("http", "https") else (conn.schema or "https")
    if not host:
        raise SendError(f"Airflow connection {conn_id} has no URL (extra url, or host)", kind="config",
                        transient=True)
    port = f":{conn.port}" if conn.port else ""
    path = conn.schema if conn.conn_type in ("http", "https") and conn.schema else extra.get("endpoint", "")
    return f"{scheme}://{host}{port}/{str(path).lstrip('/')}"


class Channels:
    """Sends messages, keeping one SMTP session and one HTTP client open for a delivery run.

    E-mail goes through the Airflow SMTP connection ``alert_smtp_conn_id``: the SMTP provider's
    ``SmtpHook`` opens the session (SSL or STARTTLS, login, OAuth2, as the connection says) and the
    message (multipart text + HTML, built by ``pipeline.messages``) goes out with ``send_message``.
    Webhook NAME posts JSON to the URL of the connection ``rasd_webhook_NAME``. One attempt per call;
    failures become :class:`SendError` (and drop the session, so a retry reconnects)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._smtp: Any = None  # an open SmtpHook
        self._http: httpx.Client | None = None
        self._urls: dict[str, str] = {}

    def __call__(self, msg: messages.Message, channel: wl.Channel, settings: Settings) -> None:
        if channel.email is not None:
            self.send_email(msg, channel.email)
        else:
            self.post_webhook(msg, str(channel.webhook))

    def close(self) -> None:
        self._close_smtp()
        if self._http is not None:
            self._http.close()
            self._http = None

    def _close_smtp(self) -> None:
        hook, self._smtp = self._smtp, None
        if hook is not None:
            try:
                hook.__exit__(None, None, None)
            except Exception as exc:  # a dead session cannot be closed politely
                log.debug("closing the SMTP session: %s", exc)

    def send_email(self, msg: messages.Message, to: list[str]) -> None:
        s = self.settings
        try:
            if self._smtp is None:
                from airflow.providers.smtp.hooks.smtp import SmtpHook

                self._smtp = SmtpHook(smtp_conn_id=s.alert_smtp_conn_id).get_conn()
            hook = self._smtp
            sender = hook.from_email or s.alert_email_from
            if not sender:
                raise SendError(f"no sender address: set from_email on the Airflow connection "
                                f"{s.alert_smtp_conn_id} or RASD_ALERT_EMAIL_FROM", kind="config", transient=False)
            client = hook._smtp_client
            if not isinstance(client, smtplib.SMTP):
                raise SendError("the SMTP hook opened no client", kind="smtp", transient=True)
            refused = client.send_message(messages.email(msg, sender=sender, to=to))
        except SendError:
            raise
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            raise SendError(f"SMTP refused every recipient: {exc.recipients}", kind="smtp_refused",
                            transient=all(400 <= c < 500 for c in codes)) from exc
        except smtplib.SMTPResponseException as exc:
            self._close_smtp()
            raise SendError(f"SMTP {exc.smtp_code}: {exc.smtp_error!r}", kind=f"smtp_{exc.smtp_code // 100}xx",
                            transient=400 <= exc.smtp_code < 500) from exc
        except (smtplib.SMTPException, OSError) as exc:  # refused, reset, timed out, disconnected
            self._close_smtp()
            raise SendError(f"SMTP server unreachable: {exc!r}", kind="smtp_connect", transient=True) from exc
        except Exception as exc:  # the connection is missing or malformed: an operator can fix it, so retry
            self._close_smtp()
            raise SendError(f"SMTP connection {s.alert_smtp_conn_id}: {exc}", kind="config", transient=True) from exc
        if refused:
            log.warning("alert %s: SMTP refused some recipients: %s", msg.message_id, refused)

    def post_webhook(self, msg: messages.Message, name: str) -> None:
        s = self.settings
        url = self._urls.get(name) or webhook_url(name)
        if not url.startswith(("http://", "https://")):
            raise SendError(f"webhook {name}: not an http(s) URL", kind="config", transient=False)
        self._urls[name] = url
        if self._http is None:
            transport = None if s.alert_webhook_allow_private else guarded_transport(
                allow_loopback=s.fetch_allow_loopback)
            self._http = httpx.Client(transport=transport, timeout=s.alert_webhook_timeout, follow_redirects=False,
                                      headers={"User-Agent": s.user_agent})
        key = msg.message_id.strip("<>")
        try:
            resp = self._http.post(url, json=msg.webhook, headers={"Idempotency-Key": key, "X-Rasd-Message-Id": key})
        except FetchError as exc:  # the address guard
            raise SendError(f"webhook {name}: {exc}", kind=exc.kind, transient=False) from exc
        except httpx.HTTPError as exc:
            raise SendError(f"webhook {name}: {exc!r}", kind="webhook_connect", transient=True) from exc
        if 200 <= resp.status_code < 300:
            return
        transient = resp.status_code >= 500 or resp.status_code in (408, 425, 429)
        raise SendError(f"webhook {name}: HTTP {resp.status_code} {resp.text[:200]!r}",
                        kind=f"webhook_{resp.status_code // 100}xx", transient=transient,
                        retry_after=parse_retry_after(resp.headers.get("retry-after")))


Sender = Callable[[messages.Message, wl.Channel, Settings], None]


# -- the outbox ----------------------------------------------------------------------------------
def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat()


def due(es: Elasticsearch, settings: Settings, now: datetime, *, limit: int = DUE_BATCH) -> list[dict[str, Any]]:
    """Documents to send now, oldest first, with ``_id``, ``_seq_no`` and ``_primary_term``."""
    query = {"bool": {"minimum_should_match": 1, "should": [
        {"bool": {"filter": [{"terms": {"status": ["pending", "retrying"]}},
                             {"range": {"next_attempt_at": {"lte": _iso(now)}}}]}},
        {"bool": {"filter": [{"term": {"status": "sending"}}, {"range": {"lease_until": {"lte": _iso(now)}}}]}},
    ]}}
    try:
        es.indices.refresh(index=settings.alerts_index)
        hits = es.search(index=settings.alerts_index, query=query, size=limit, seq_no_primary_term=True,
                         sort=[{"created_at": "asc"}, {"published_at": {"order": "asc", "missing": "_last"}}])
    except NotFoundError:
        return []
    return [{**h["_source"], "_id": h["_id"], "_seq_no": h["_seq_no"], "_primary_term": h["_primary_term"]}
            for h in hits["hits"]["hits"]]


Fields = dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any]]


def _update(es: Elasticsearch, settings: Settings, docs: list[dict[str, Any]], fields: Fields,
            *, guarded: bool = False) -> list[dict[str, Any]]:
    """Partial updates; with ``guarded`` only where the document is unchanged since read. Returns the
    documents updated."""
    by_id = {d["_id"]: d for d in docs}
    actions = []
    for d in docs:
        action: dict[str, Any] = {"_op_type": "update", "_index": settings.alerts_index, "_id": d["_id"],
                                  "doc": fields(d) if callable(fields) else fields}
        if guarded:
            action |= {"if_seq_no": d["_seq_no"], "if_primary_term": d["_primary_term"]}
        actions.append(action)
    done = []
    for ok, item in streaming_bulk(es, actions, raise_on_error=False, max_retries=settings.bulk_max_retries):
        info = item.get("update", {})
        if ok:
            done.append(by_id[info["_id"]])
        elif info.get("status") != 409:
            log.warning("outbox update failed: %s", info)
    return done


def claim(es: Elasticsearch, settings: Settings, docs: list[dict[str, Any]], now: datetime) -> list[dict[str, Any]]:
    """Take documents for one send (``sending`` + lease), unless another deliverer changed them first."""
    token = uuid.uuid4().hex
    lease = _iso(now + timedelta(minutes=settings.alert_lease_minutes))
    return _update(es, settings, docs, lambda d: {
        "status": "sending", "lease_until": lease, "claim": token, "attempts": int(d.get("attempts", 0)) + 1},
        guarded=True)


def backoff(attempts: int, settings: Settings, retry_after: float | None = None) -> timedelta:
    wait = timedelta(minutes=settings.alert_retry_base_minutes * 2 ** max(attempts - 1, 0))
    if retry_after:
        wait = max(wait, timedelta(seconds=retry_after))
    return min(wait, MAX_BACKOFF)


Plan = list[tuple[str | None, list[dict[str, Any]]]]  # messages: (kind, outbox documents)


@dataclass
class DeliveryResult:
    messages_sent: int = 0
    alerts_sent: int = 0
    alerts_retrying: int = 0
    alerts_failed: int = 0
    alerts_cancelled: int = 0
    waiting_for_digest: int = 0
    attempts: int = 0  # sends tried (each in-run try counts)
    errors: list[dict[str, str]] = field(default_factory=list)


def _messages(w: wl.Watchlist, docs: list[dict[str, Any]], now: datetime, s: Settings) -> tuple[Plan, int]:
    """How one watchlist's due documents of one channel go out: [(kind, docs)], and how many wait."""
    docs = sorted(docs, key=lambda d: (d.get("published_at") or d.get("created_at") or "", d["_id"]))
    if w.mode == "digest":
        oldest = min(datetime.fromisoformat(d["created_at"]) for d in docs)
        retrying = any(int(d.get("attempts", 0)) > 0 for d in docs)
        if not retrying and oldest > now - timedelta(hours=w.digest_hours or 24):
            return [], len(docs)
        return [("digest", docs[i : i + MAX_PER_MESSAGE]) for i in range(0, len(docs), MAX_PER_MESSAGE)], 0
    fresh = [d for d in docs if not int(d.get("attempts", 0))]
    if len(fresh) > s.alert_burst:
        rest = [d for d in docs if int(d.get("attempts", 0))]
        bursts = [("burst", fresh[i : i + MAX_PER_MESSAGE]) for i in range(0, len(fresh), MAX_PER_MESSAGE)]
        return bursts + [(None, [d]) for d in rest], 0
    return [(None, [d]) for d in docs], 0


def _send(sender: Sender, msg: messages.Message, channel: wl.Channel, s: Settings, result: DeliveryResult) -> None:
    def transient(exc: BaseException) -> bool:
        return isinstance(exc, SendError) and exc.transient

    for attempt in Retrying(stop=stop_after_attempt(max(1, s.alert_send_tries)), reraise=True,
                            wait=wait_exponential(multiplier=1, max=8), retry=retry_if_exception(transient)):
        with attempt:
            result.attempts += 1
            sender(msg, channel, s)


def deliver(*, es: Elasticsearch | None = None, settings: Settings | None = None, now: datetime | None = None,
            sender: Sender | None = None) -> DeliveryResult:
    """Send every due outbox document once (see the module docstring)."""
    s = settings or get_settings()
    es = es or get_client(s)
    now = now or datetime.now(UTC)
    result = DeliveryResult()
    docs = due(es, s, now)
    if not docs:
        return result
    channels = Channels(s) if sender is None else None
    try:
        _deliver(es, s, now, docs, sender or channels, result)  # type: ignore[arg-type]
    finally:
        if channels is not None:
            channels.close()
        es.indices.refresh(index=s.alerts_index)
    return result


def _deliver(es: Elasticsearch, s: Settings, now: datetime, docs: list[dict[str, Any]], sender: Sender,
             result: DeliveryResult) -> None:
    lists = {w.name: w for w in wl.listing(es, s)}
    # a server that failed a message for a reason that may pass is not tried again in this run: the
    # other messages for it wait for the next run with the same error (no hour of timeouts)
    down: dict[str, SendError] = {}
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for d in docs:
        groups[(d["watchlist"], d["channel"])].append(d)
    for (name, channel_key), group in groups.items():
        w = lists.get(name)
        channel = w.channel_map().get(channel_key) if w else None
        if w is None or channel is None or not w.enabled:
            why = ("watchlist removed" if w is None else "watchlist disabled" if not w.enabled
                   else f"channel {channel_key} removed from the watchlist")
            result.alerts_cancelled += len(_update(es, s, group, {"status": "cancelled", "last_error": why},
                                                   guarded=True))
            continue
        plan, waiting = _messages(w, group, now, s)
        result.waiting_for_digest += waiting
        for batch in _batches(plan):
            # one claim request for the documents of several messages; each message is marked once sent
            claimed = {d["_id"] for d in claim(es, s, [d for _kind, items in batch for d in items], now)}
            for kind, items in batch:
                taken = [d for d in items if d["_id"] in claimed]
                if not taken:
                    continue
                server = "email" if channel.email is not None else channel_key
                if server in down:
                    _failed(es, s, taken, down[server], result)
                    continue
                msg = messages.render(w, channel_key, taken, kind=kind, settings=s)
                try:
                    _send(sender, msg, channel, s, result)
                except SendError as exc:
                    if exc.transient:
                        down[server] = exc
                    _failed(es, s, taken, exc, result)
                    continue
                _sent(es, s, taken, msg, datetime.now(UTC))
                result.messages_sent += 1
                result.alerts_sent += len(taken)


def _batches(plan: Plan) -> list[Plan]:
    """Messages grouped so that each group holds at most ``MAX_PER_MESSAGE`` documents (one claim each)."""
    out: list[Plan] = []
    size = MAX_PER_MESSAGE
    for message in plan:
        if size + len(message[1]) > MAX_PER_MESSAGE:
            out.append([])
            size = 0
        out[-1].append(message)
        size += len(message[1])
    return out


def _sent(es: Elasticsearch, s: Settings, taken: list[dict[str, Any]], msg: messages.Message, at: datetime) -> None:
    def fields(d: dict[str, Any]) -> dict[str, Any]:
        return {"status": "sent", "sent_at": _iso(at), "message_id": msg.message_id, "lease_until": None,
                "latency_seconds": _latency(d, at)}

    _update(es, s, taken, fields)


def _latency(doc: dict[str, Any], sent: datetime) -> float | None:
    seen = doc.get("first_seen_at")
    if not seen:
        return None
    try:
        return round((sent - datetime.fromisoformat(str(seen).replace("Z", "+00:00"))).total_seconds(), 3)
    except ValueError:
        return None


def _failed(es: Elasticsearch, s: Settings, taken: list[dict[str, Any]], exc: SendError,
            result: DeliveryResult) -> None:
    now = datetime.now(UTC)
    if not result.errors or result.errors[-1]["error"] != str(exc)[:500]:
        result.errors.append({"channel": taken[0]["channel"], "kind": exc.kind, "error": str(exc)[:500]})
        log.warning("alert delivery failed (%s): %s", exc.kind, exc)

    def fields(d: dict[str, Any]) -> dict[str, Any]:
        attempts = int(d.get("attempts", 0)) + 1  # the claim's increment (this copy was read before it)
        base = {"last_error": str(exc)[:2000], "last_error_kind": exc.kind, "lease_until": None}
        if exc.transient and attempts < s.alert_max_attempts:
            return base | {"status": "retrying",
                           "next_attempt_at": _iso(now + backoff(attempts, s, exc.retry_after))}
        return base | {"status": "failed", "failed_at": _iso(now)}

    for d in _update(es, s, taken, fields):
        if fields(d)["status"] == "failed":
            result.alerts_failed += 1
        else:
            result.alerts_retrying += 1


# -- operators' view -----------------------------------------------------------------------------
def listing(es: Elasticsearch, settings: Settings | None = None, *, status: list[str] | None = None,
            watchlist: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    s = settings or get_settings()
    flt: list[dict[str, Any]] = []
    if status:
        flt.append({"terms": {"status": status}})
    if watchlist:
        flt.append({"term": {"watchlist": watchlist}})
    try:
        es.indices.refresh(index=s.alerts_index)
        hits = es.search(index=s.alerts_index, size=limit, query={"bool": {"filter": flt}},
                         sort=[{"created_at": "desc"}])["hits"]["hits"]
    except NotFoundError:
        return []
    return [{"id": h["_id"], **h["_source"]} for h in hits]


def counts(es: Elasticsearch, settings: Settings | None = None) -> dict[str, int]:
    s = settings or get_settings()
    try:
        es.indices.refresh(index=s.alerts_index)
        resp = es.search(index=s.alerts_index, size=0, aggs={"status": {"terms": {"field": "status", "size": 20}}})
    except NotFoundError:
        return {}
    return {b["key"]: b["doc_count"] for b in resp["aggregations"]["status"]["buckets"]}


def retry_now(es: Elasticsearch, settings: Settings | None = None, *, watchlist: str | None = None,
              include_failed: bool = True, now: datetime | None = None) -> int:
    """Make retrying (and failed) alerts due at once, e.g. after the SMTP server or the webhook is
    fixed; failed ones start their attempts again."""
    s = settings or get_settings()
    now = now or datetime.now(UTC)
    wanted = ["retrying", "failed"] if include_failed else ["retrying"]
    docs = [{**d, "_id": d["id"]} for d in listing(es, s, status=wanted, watchlist=watchlist, limit=10_000)]
    done = _update(es, s, docs, lambda d: {
        "status": "retrying" if d.get("status") == "retrying" else "pending", "next_attempt_at": _iso(now),
        "attempts": int(d.get("attempts", 0)) if d.get("status") == "retrying" else 0})
    es.indices.refresh(index=s.alerts_index)
    return len(done)


def run_delivery() -> dict[str, Any]:
    """The DAG's ``deliver`` task: send what is due, return the counts."""
    from dataclasses import asdict

    from pipeline.index import ensure_indices

    s = get_settings()
    es = get_client(s)
    ensure_indices(es, s)
    return asdict(deliver(es=es, settings=s))
