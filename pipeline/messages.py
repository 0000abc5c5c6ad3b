"""Alert messages in Arabic, right to left: e-mail (HTML + plain text) and webhook JSON.

One message covers one or more outbox documents of one watchlist and channel
(one story, a follow-up, a digest, or a burst of stories sent together). The
wording lives in Jinja2 templates (``pipeline/data/alerts/``): the HTML part
is ``dir="rtl"`` with inline styles, the text part starts every line with
Arabic so clients lay it out right to left, and the webhook's ``text`` field
uses ``<url|title>`` links, which Slack and Mattermost both render. Highlights
from Elasticsearch (private-use markers, see ``pipeline.alerts``) become
``<mark>`` in HTML and «» in text.

Message ids are derived from the outbox ids, so the same alert sent again (a
worker died between the server's acceptance and the outbox write) carries the
same ``Message-ID`` / ``Idempotency-Key``, and a follow-up e-mail threads under
its story's first alert.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.header import Header
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from pipeline.alerts import MARK_POST, MARK_PRE
from pipeline.config import DATA_DIR, Settings, get_settings
from pipeline.watchlists import Watchlist

TEMPLATES = DATA_DIR / "alerts"
MAIL_DOMAIN = "alerts.rasd"


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html.j2"]),
                       undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=True,
                       lstrip_blocks=True)


@dataclass
class Message:
    watchlist: str
    channel: str
    kind: str  # new, followup, digest, burst
    ids: list[str]  # outbox document ids
    subject: str
    text: str
    html: str
    webhook: dict[str, Any]
    message_id: str
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)


def message_id(doc_ids: list[str]) -> str:
    digest = hashlib.sha256("\n".join(sorted(doc_ids)).encode("utf-8")).hexdigest()[:32]
    return f"<{digest}@{MAIL_DOMAIN}>"


def _local(value: str | None, tz: str) -> tuple[str, str]:
    """(ISO, "2026-12-02 13:40 بتوقيت ليبيا") of a stored timestamp."""
    if not value:
        return "", "وقت النشر غير معروف"
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value, value
    dt = (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).astimezone(ZoneInfo(tz))
    return dt.isoformat(), f"{dt:%Y-%m-%d %H:%M} بتوقيت ليبيا" if tz == "Africa/Tripoli" else f"{dt:%Y-%m-%d %H:%M %Z}"


def _marked_html(snippet: str) -> Markup:
    return Markup(str(escape(snippet)).replace(MARK_PRE, "<mark>").replace(MARK_POST, "</mark>"))


def _marked_text(snippet: str) -> str:
    return snippet.replace(MARK_PRE, "«").replace(MARK_POST, "»")


def _chat_safe(text: str) -> str:
    """No < > | in a Slack/Mattermost text outside the link syntax."""
    return text.replace("<", "‹").replace(">", "›").replace("|", "¦")


def criteria(w: Watchlist) -> str:
    parts = []
    if w.query:
        parts.append(f"الكلمات: {w.query}")
    for label, value in (("الشخص", w.person), ("المكان", w.place), ("الجهة", w.org), ("الموضوع", w.topic),
                         ("المصدر", w.source)):
        if value:
            parts.append(f"{label}: {value}")
    return "، ".join(parts)


def _story(doc: dict[str, Any], tz: str, *, html: bool, chat: bool = False) -> dict[str, Any]:
    iso, when = _local(doc.get("published_at") or doc.get("first_seen_at"), tz)
    source = doc.get("source_name") or doc.get("source_id") or ""
    also = [o for o in doc.get("outlets") or [] if o != source]
    followup = None
    if doc.get("step"):
        new = doc.get("new_outlets") or []
        followup = (f"عدد وسائل الإعلام التي تنقل القصة الآن: {doc.get('outlets_count')} "
                    f"(كان {doc.get('base_outlets')} عند التنبيه الأول)")
        if new:
            followup += f"؛ الجديدة: {'، '.join(new)}"
    snippets = doc.get("snippets") or []
    title = doc.get("title") or doc.get("url") or ""
    if chat:
        snippets = [_chat_safe(_marked_text(s)) for s in snippets]
        title, source, also = _chat_safe(title), _chat_safe(source), [_chat_safe(a) for a in also]
        followup = _chat_safe(followup) if followup else None
    else:
        snippets = [_marked_html(s) if html else _marked_text(s) for s in snippets]
    return {"title": title, "url": doc.get("url") or "", "source": source, "time": when, "published_iso": iso,
            "snippets": snippets, "also": also, "followup": followup}


def _intro(w: Watchlist, kind: str, docs: list[dict[str, Any]]) -> tuple[str, str]:
    """(subject, first line). A one-story subject carries the story's title, so an inbox tells them apart."""
    label = w.label()
    n = len(docs)
    title = " ".join(str(docs[0].get("title") or "").split())
    title = title if len(title) <= 120 else title[:119] + "…"
    if kind == "new":
        return f"رصد | {label}: {title}", f"خبر جديد يطابق قائمة المتابعة «{label}»."
    if kind == "followup":
        return (f"رصد | {label} | متابعة: {title}",
                f"قصة سبق التنبيه إليها في «{label}» تنقلها الآن وسائل إعلام أخرى.")
    if kind == "digest":
        return (f"رصد | {label}: الملخص الدوري (عدد القصص: {n})",
                f"ملخص «{label}» كل {w.digest_hours} ساعة: عدد القصص {n}.")
    return f"رصد | {label}: عدد القصص الجديدة {n}", f"قصص جديدة تطابق «{label}»، مجموعة في رسالة واحدة (العدد: {n})."


def render(w: Watchlist, channel: str, docs: list[dict[str, Any]], *, kind: str | None = None,
           settings: Settings | None = None) -> Message:
    """The message for ``docs`` (outbox documents with ``_id``), in the order given."""
    s = settings or get_settings()
    if kind is None:
        kind = ("followup" if docs[0].get("step") else "new") if len(docs) == 1 else "burst"
    subject, intro = _intro(w, kind, docs)
    ids = [d["_id"] for d in docs]
    ref = message_id(ids)
    common = {"subject": subject, "intro": intro, "watchlist": w.name, "criteria": criteria(w),
              "reference": ref.strip("<>").split("@")[0][:12]}
    env = _env()
    html = env.get_template("email.html.j2").render(
        stories=[_story(d, s.alert_timezone, html=True) for d in docs], **common)
    text = env.get_template("email.txt.j2").render(
        stories=[_story(d, s.alert_timezone, html=False) for d in docs], **common)
    chat = env.get_template("webhook.txt.j2").render(
        stories=[_story(d, s.alert_timezone, html=False, chat=True) for d in docs], **common)
    payload = {
        "text": chat.strip(),
        "rasd": {
            "message_id": ref.strip("<>"), "kind": kind, "watchlist": w.name, "channel": channel, "alerts": ids,
            "stories": [{k: d.get(k, [] if k in ("outlets", "new_outlets") else None)
                         for k in ("story_id", "step", "title", "url", "source_name", "published_at", "outlets",
                                   "outlets_count", "new_outlets")} for d in docs],
        },
    }
    in_reply_to = None
    refs: list[str] = []
    if len(docs) == 1 and docs[0].get("step"):
        first = f"{w.name}:{docs[0]['story_id']}:0:{channel}"
        in_reply_to = message_id([first])
        refs = [in_reply_to]
    return Message(watchlist=w.name, channel=channel, kind=kind, ids=ids, subject=subject, text=text, html=html,
                   webhook=payload, message_id=ref, in_reply_to=in_reply_to, references=refs)


def email(msg: Message, *, sender: str, to: list[str]) -> MIMEMultipart:
    """The MIME message: multipart/alternative, text then HTML, UTF-8, threaded for follow-ups.

    Built with the compat32 classes (as Airflow's SMTP hook builds its own) and an explicit
    ``Header``: the default policy's folding of long non-ASCII headers drops the space at a fold
    on Python 3.11 ("حفتر:استئناف"); ``Header`` keeps spaces inside its encoded words."""
    mail = MIMEMultipart("alternative")
    mail["Subject"] = Header(msg.subject, "utf-8")  # type: ignore[assignment]  # compat32 takes a Header
    mail["From"] = sender
    mail["To"] = ", ".join(to)
    mail["Date"] = format_datetime(datetime.now(UTC))
    mail["Message-ID"] = msg.message_id
    mail["Content-Language"] = "ar"
    mail["X-Rasd-Watchlist"] = Header(msg.watchlist, "utf-8")  # type: ignore[assignment]
    mail["X-Rasd-Alerts"] = ", ".join(msg.ids)[:900]
    if msg.in_reply_to:
        mail["In-Reply-To"] = msg.in_reply_to
        mail["References"] = " ".join(msg.references)
    mail.attach(MIMEText(msg.text, "plain", "utf-8"))
    mail.attach(MIMEText(msg.html, "html", "utf-8"))
    return mail
