"""Watchlists: what an analyst follows, and where to tell them.

A watchlist is a name, a query in the language of ``rasd search`` (words,
"quoted phrases", one person / place / org / topic / source; Libya-relevant
articles only unless ``any_relevance``), channels (e-mail recipients, named
webhooks) and a mode (``story``: one message per story; ``digest``: one
message every ``digest_hours``). Stored in ``{prefix}-watchlists`` (id = the
name), managed with ``rasd watch``, seedable from YAML
(``pipeline/data/watchlists.example.yaml``).

Everything that can be checked is checked when a watchlist is saved, so a
mistake is refused with a message instead of silently matching nothing: names
are resolved against the gazetteer (``--person حفتر`` → خليفة حفتر; an
ambiguous or unknown name is refused with suggestions), topics and sources
against their registries, quotes must pair, the words must leave something
after the Arabic analyzer's stop words, and Elasticsearch must accept the
query. Channels carry no addresses of servers: a webhook channel ``ops`` posts
to the URL of the Airflow connection ``rasd_webhook_ops``, e-mail goes through
the SMTP connection of the settings.

The query is :func:`pipeline.search.build_query`'s, wrapped for what it lacks
(the org filter, the relevance default), so changes to search ranking and
matching reach watchlists unchanged.
"""

from __future__ import annotations

import difflib
import re
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from elasticsearch import Elasticsearch, NotFoundError
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pipeline.config import DATA_DIR, Settings, get_settings
from pipeline.errors import InputError
from pipeline.normalize import normalize
from pipeline.search import build_query

NAME = re.compile(r"^\w[\w.-]{0,63}$")
WEBHOOK_NAME = re.compile(r"^[a-z0-9_]{1,40}$")
EMAIL = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")
MAX_QUERY_CHARS = 500
WEBHOOK_CONN_PREFIX = "rasd_webhook_"
ENTITY_FILES = {"person": "persons", "place": "places", "org": "orgs"}


class Channel(BaseModel):
    """One destination: ``email: [addresses]`` or ``webhook: NAME`` (connection ``rasd_webhook_NAME``)."""

    model_config = ConfigDict(extra="forbid")

    email: list[str] | None = None
    webhook: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Channel:
        if (self.email is None) == (self.webhook is None):
            raise ValueError("a channel is either `email: [addresses]` or `webhook: NAME`")
        if self.email is not None:
            if not self.email:
                raise ValueError("an email channel needs at least one address")
            for addr in self.email:
                if not EMAIL.match(addr):
                    raise ValueError(f"not an e-mail address: {addr!r}")
        if self.webhook is not None and not WEBHOOK_NAME.match(self.webhook):
            raise ValueError(f"webhook names are lower-case letters, digits and _ (the Airflow connection is "
                             f"{WEBHOOK_CONN_PREFIX}NAME), not URLs: got {self.webhook!r}")
        return self

    @property
    def key(self) -> str:
        """The channel's name in the outbox: ``email`` or ``webhook:NAME``."""
        return "email" if self.email is not None else f"webhook:{self.webhook}"

    @property
    def type(self) -> str:
        return "email" if self.email is not None else "webhook"


class Watchlist(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    description: str | None = None
    query: str = ""
    person: str | None = None
    place: str | None = None
    org: str | None = None
    topic: str | None = None
    source: str | None = None
    any_relevance: bool = False
    channels: list[Channel] = Field(default_factory=list)
    mode: Literal["story", "digest"] = "story"
    digest_hours: int | None = None
    followups: bool = True
    enabled: bool = True
    created_at: datetime | None = None
    updated_at: datetime | None = None
    checkpoint: datetime | None = None
    last_evaluated_at: datetime | None = None
    last_matched: int | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not NAME.match(v):
            raise ValueError(f"a watchlist name is one word of letters, digits, '.', '-' or '_' "
                             f"(at most 64), got {v!r}")
        return v

    @field_validator("query")
    @classmethod
    def _query(cls, v: str) -> str:
        v = " ".join(v.split())
        if len(v) > MAX_QUERY_CHARS:
            raise ValueError(f"the query is longer than {MAX_QUERY_CHARS} characters")
        if v.count('"') % 2 or v.count("«") != v.count("»"):
            raise ValueError(f'unbalanced quotes in {v!r}: a phrase is "between two quotes" or «between guillemets»')
        return v

    @model_validator(mode="after")
    def _whole(self) -> Watchlist:
        if not self.query and not any((self.person, self.place, self.org, self.topic, self.source)):
            raise ValueError("a watchlist needs words, a \"phrase\" or a --person/--place/--org/--topic/--source "
                             "filter: without one it would match every article")
        if not self.channels:
            raise ValueError("a watchlist needs a channel (--email ADDRESS or --webhook NAME)")
        keys = [c.key for c in self.channels if c.webhook is not None]
        if len(keys) != len(set(keys)):
            raise ValueError("a webhook is named twice")
        if self.mode == "digest":
            if self.digest_hours is None or not 1 <= self.digest_hours <= 168:
                raise ValueError("digest mode needs digest_hours between 1 and 168")
        elif self.digest_hours is not None:
            raise ValueError("digest_hours is for mode digest")
        return self

    # -- what it sends to ----------------------------------------------------------------------
    def channel_map(self) -> dict[str, Channel]:
        """Channels by outbox key; e-mail channels merge into one (``email``) with every address."""
        out: dict[str, Channel] = {}
        emails = [a for c in self.channels if c.email for a in c.email]
        if emails:
            out["email"] = Channel(email=list(dict.fromkeys(emails)))
        for c in self.channels:
            if c.webhook is not None:
                out[c.key] = c
        return out

    def label(self) -> str:
        return self.description or self.name

    def to_document(self) -> dict[str, Any]:
        doc = self.model_dump(mode="json", exclude_none=True)
        doc["channels"] = [c.model_dump(exclude_none=True) for c in self.channels]
        return doc


# -- checks against the registries -------------------------------------------------------------
@lru_cache(maxsize=4)
def _entities(kind: str) -> list[dict[str, Any]]:
    path = DATA_DIR / "gazetteer" / f"{ENTITY_FILES[kind]}.yaml"
    return list(yaml.safe_load(path.read_text(encoding="utf-8")) or [])


def resolve_entity(kind: str, value: str) -> str:
    """The canonical Arabic name (what articles carry in ``persons``/``places``/``orgs``) of ``value``:
    a canonical name, an English name, an id, a spelling variant or an unambiguous short form."""
    key = normalize(value.strip())
    ents = _entities(kind)

    def forms(e: dict[str, Any], *fields: str) -> set[str]:
        vals: list[str] = []
        for f in fields:
            v = e.get(f)
            vals += v if isinstance(v, list) else [v] if v else []
        return {normalize(str(x)) for x in vals}

    for fields in (("ar", "en", "id"), ("variants", "short")):
        found = [e for e in ents if key in forms(e, *fields)]
        if len(found) == 1:
            return str(found[0]["ar"])
        if len(found) > 1:
            break
    else:
        found = [e for e in ents if key in forms(e, "ambiguous")]
    if found:
        names = "، ".join(str(e["ar"]) for e in found[:8])
        raise InputError(f"{kind} {value!r} names several entries of the gazetteer: {names}; give the full name")
    everything = {normalize(str(e["ar"])): str(e["ar"]) for e in ents}
    near = [everything[k] for k in difflib.get_close_matches(key, list(everything), n=5, cutoff=0.6)]
    near += [e["ar"] for e in ents if key and key in normalize(str(e["ar"])) and e["ar"] not in near][:5]
    hint = f"; did you mean: {'، '.join(near)}" if near else ""
    raise InputError(f"unknown {kind} {value!r}: not in pipeline/data/gazetteer/{ENTITY_FILES[kind]}.yaml, so no "
                     f"article can carry it{hint}")


@lru_cache(maxsize=1)
def _topic_ids() -> dict[str, str]:
    topics = yaml.safe_load((DATA_DIR / "topics.yaml").read_text(encoding="utf-8")) or []
    return {str(t["id"]): str(t.get("ar", "")) for t in topics}


def resolve_topic(value: str) -> str:
    topics = _topic_ids()
    if value in topics:
        return value
    by_name = [tid for tid, ar in topics.items() if normalize(ar) == normalize(value)]
    if by_name:
        return by_name[0]
    raise InputError(f"unknown topic {value!r}; topics are: {', '.join(sorted(topics))}")


def check_source(value: str, settings: Settings) -> str:
    from pipeline.sources import load_sources

    known = {s.id for s in load_sources(settings.sources_file, base_url=settings.sources_base_url)}
    if value not in known:
        near = difflib.get_close_matches(value, sorted(known), n=5)
        raise InputError(f"unknown source {value!r} (not in {settings.sources_file})"
                         + (f"; did you mean: {', '.join(near)}" if near else ""))
    return value


def check_channels(w: Watchlist, settings: Settings) -> None:
    allowed = {d.strip().lower().lstrip("@") for d in settings.alert_email_domains.split(",") if d.strip()}
    if not allowed:
        return
    for c in w.channels:
        for addr in c.email or []:
            if addr.rsplit("@", 1)[1].lower() not in allowed:
                raise InputError(f"{addr}: alerts may go to {', '.join(sorted(allowed))} only "
                                 "(RASD_ALERT_EMAIL_DOMAINS)")


def parse(data: dict[str, Any], settings: Settings | None = None) -> Watchlist:
    """A watchlist from user input (CLI or YAML), checked against the registries; names resolved."""
    s = settings or get_settings()
    try:
        w = Watchlist.model_validate(data)
    except ValidationError as exc:
        name = data.get("name", "?") if isinstance(data, dict) else "?"
        msgs = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'watchlist'}: "
                         f"{e['msg'].removeprefix('Value error, ')}" for e in exc.errors())
        raise InputError(f"watchlist {name!r}: {msgs}") from exc
    try:
        for kind in ENTITY_FILES:
            value = getattr(w, kind)
            if value:
                setattr(w, kind, resolve_entity(kind, value))
        if w.topic:
            w.topic = resolve_topic(w.topic)
        if w.source:
            w.source = check_source(w.source, s)
        check_channels(w, s)
    except InputError as exc:
        raise InputError(f"watchlist {w.name!r}: {exc}") from exc
    return w


def load_yaml(path: Path | str, settings: Settings | None = None) -> list[Watchlist]:
    """Every watchlist of a YAML file (``watchlists: [...]``); any error refuses the whole file."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"cannot read watchlists file {path}: {exc}") from exc
    items = data.get("watchlists") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise InputError(f"{path}: expected a mapping with a `watchlists:` list")
    out = [parse(item if isinstance(item, dict) else {"name": str(item)}, settings) for item in items]
    names = [w.name for w in out]
    if len(names) != len(set(names)):
        raise InputError(f"{path}: a watchlist name is used twice")
    return out


# -- the Elasticsearch query ---------------------------------------------------------------------
def to_query(w: Watchlist) -> dict[str, Any]:
    """``rasd search``'s query for the watchlist's words and filters, plus the org filter and the
    Libya-relevance default."""
    base = build_query(w.query, source=w.source, person=w.person, place=w.place, topic=w.topic)
    filters: list[dict[str, Any]] = []
    if w.org:
        filters.append({"term": {"orgs": w.org}})
    if not w.any_relevance:
        filters.append({"term": {"libya_relevant": True}})
    return {"bool": {"must": [base], "filter": filters}}


def highlight_query(w: Watchlist) -> dict[str, Any] | None:
    """What to highlight in a snippet when the words alone say too little: the names (canonical, variants,
    short forms) of the person, place or org filtered on, as analyzed text, so clitic forms light up."""
    names: list[str] = []
    for kind in ENTITY_FILES:
        value = getattr(w, kind)
        if not value:
            continue
        for e in _entities(kind):
            if e["ar"] == value:
                names += [str(n) for n in [e["ar"], *(e.get("variants") or []), *(e.get("short") or [])]]
    if not names:
        return None
    should: list[dict[str, Any]] = [{"match_phrase": {"body": n}} for n in dict.fromkeys(names)]
    if w.query:
        should.append(build_query(w.query))
    return {"bool": {"should": should, "minimum_should_match": 1}}


def check_with_index(es: Elasticsearch, w: Watchlist, settings: Settings) -> None:
    """What only Elasticsearch can tell: the words leave tokens after analysis, the query is valid."""
    words = re.sub(r'"[^"]*"|«[^»]*»', " ", w.query).strip()
    if words:
        tokens = es.indices.analyze(index=settings.articles_alias, field="body", text=words)["tokens"]
        if not tokens:
            raise InputError(f"watchlist {w.name!r}: the words {words!r} are all stop words (the analyzer drops "
                             "them); quote a phrase or add a word")
    resp = es.indices.validate_query(index=settings.articles_alias, query=to_query(w), explain=True)
    if not resp.get("valid"):
        why = "; ".join(str(e.get("error")) for e in resp.get("explanations", []) if e.get("error"))
        raise InputError(f"watchlist {w.name!r}: Elasticsearch refuses the query: {why or resp}")


# -- store --------------------------------------------------------------------------------------
def save(es: Elasticsearch, w: Watchlist, settings: Settings | None = None, *, replace: bool = False,
         now: datetime | None = None) -> Watchlist:
    """Store ``w`` after the index-side checks. A new watchlist starts now (``created_at``: nothing
    published earlier alerts); replacing one keeps its ``created_at`` and checkpoint."""
    s = settings or get_settings()
    now = now or datetime.now(UTC)
    check_with_index(es, w, s)
    old = get(es, w.name, s)
    if old is not None and not replace:
        raise InputError(f"a watchlist {w.name!r} exists (rasd watch show {w.name}); --replace to change it")
    w = w.model_copy(update={
        "created_at": old.created_at if old else now, "updated_at": now,
        "checkpoint": old.checkpoint if old else None, "last_evaluated_at": old.last_evaluated_at if old else None,
    })
    es.index(index=s.watchlists_index, id=w.name, document=w.to_document(), refresh="wait_for")
    return w


def get(es: Elasticsearch, name: str, settings: Settings | None = None) -> Watchlist | None:
    s = settings or get_settings()
    try:
        doc = es.get(index=s.watchlists_index, id=name)
    except NotFoundError:
        return None
    return Watchlist.model_validate(doc["_source"])


def listing(es: Elasticsearch, settings: Settings | None = None, *, enabled_only: bool = False) -> list[Watchlist]:
    s = settings or get_settings()
    query: dict[str, Any] = {"term": {"enabled": True}} if enabled_only else {"match_all": {}}
    try:
        hits = es.search(index=s.watchlists_index, query=query, size=10_000, sort=[{"name": "asc"}])["hits"]["hits"]
    except NotFoundError:
        return []
    return [Watchlist.model_validate(h["_source"]) for h in hits]


def delete(es: Elasticsearch, name: str, settings: Settings | None = None) -> bool:
    """Remove a watchlist; alerts not yet sent are cancelled by the next delivery."""
    s = settings or get_settings()
    resp = es.options(ignore_status=404).delete(index=s.watchlists_index, id=name, refresh="wait_for")
    return resp.get("result") == "deleted"


def seed(es: Elasticsearch, path: Path | str, settings: Settings | None = None) -> dict[str, int]:
    """Store every watchlist of a YAML file (all checked first; existing ones are replaced, keeping
    their start time and checkpoint). Running it twice changes nothing but ``updated_at``."""
    s = settings or get_settings()
    items = load_yaml(path, s)
    for w in items:
        check_with_index(es, w, s)
    counts = {"added": 0, "replaced": 0}
    for w in items:
        counts["replaced" if get(es, w.name, s) else "added"] += 1
        save(es, w, s, replace=True)
    return counts


def set_checkpoints(es: Elasticsearch, checkpoint: datetime, matched: dict[str, int],
                    settings: Settings | None = None) -> None:
    """After an evaluation whose alerts all reached the outbox: its start is the new checkpoint."""
    from elasticsearch.helpers import streaming_bulk

    s = settings or get_settings()
    now = datetime.now(UTC).isoformat()
    actions = ({"_op_type": "update", "_index": s.watchlists_index, "_id": name, "doc": {
        "checkpoint": checkpoint.isoformat(), "last_evaluated_at": now, "last_matched": n}}
        for name, n in matched.items())
    for _ok, _item in streaming_bulk(es, actions, raise_on_error=False, max_retries=s.bulk_max_retries):
        pass  # a watchlist removed meanwhile (404) needs no checkpoint
