"""Elasticsearch: client, templates, aliases, bulk indexing.

Uses only what the minimal Elasticsearch distribution has (templates,
aliases, bulk, search, mget), so the same code runs on a full cluster.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from elasticsearch import ApiError, Elasticsearch, NotFoundError
from elasticsearch.helpers import streaming_bulk

from pipeline.config import DATA_DIR, Settings, get_settings
from pipeline.errors import IndexingError
from pipeline.models import Article

TEMPLATE_DIR = DATA_DIR / "index"
# Index templates of pipeline/data/index; every one but "articles" backs one plain index {prefix}-{name}
TEMPLATES = ("articles", "feeds", "runs", "skipped", "digests", "deadletter", "retries", "robots", "sources",
             "suggestions", "watchlists", "alerts", "names", "trends")


def basic_auth_header(username: str, password: str) -> str:
    """HTTP Basic credentials in UTF-8, as Elasticsearch decodes them (the client's own ``basic_auth``
    encodes ASCII only: a non-ASCII password would fail before the first request)."""
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode("ascii")


def get_client(settings: Settings | None = None) -> Elasticsearch:
    s = settings or get_settings()
    kwargs: dict[str, Any] = {"request_timeout": s.es_timeout, "retry_on_timeout": True, "max_retries": 3}
    if s.es_api_key:
        kwargs["api_key"] = s.es_api_key
    elif s.es_username:
        kwargs["headers"] = {"authorization": basic_auth_header(s.es_username, s.es_password or "")}
    if s.es_ca_certs:
        kwargs["ca_certs"] = s.es_ca_certs
    # Several nodes: requests go round-robin, a node that fails is set aside and the request retried
    # on the next (max_retries), so one dead node costs no request (docs/decisions.md, "Scale-out").
    return Elasticsearch(s.es_urls, **kwargs)


def load_template(name: str, prefix: str) -> dict[str, Any]:
    raw = (TEMPLATE_DIR / f"{name}.json").read_text(encoding="utf-8").replace("{prefix}", prefix)
    data: dict[str, Any] = json.loads(raw)
    data.pop("_comment", None)
    return data


def articles_index_name(settings: Settings, version: int) -> str:
    return f"{settings.index_prefix}-articles-v{version}"


def ensure_indices(es: Elasticsearch, settings: Settings | None = None) -> str:
    """Install the templates and make sure the article aliases point somewhere.

    Returns the concrete index behind the write alias.  Safe to call on every
    run and from concurrent tasks. First checks that every node has the analysis plugin
    (``es_health.check_plugin``: a clear ``ClusterSetupError`` instead of shards that cannot
    open); replicas come from ``RASD_INDEX_REPLICAS`` (``es_health.replica_settings``), also for
    indices that exist.
    """
    from pipeline import es_health

    s = settings or get_settings()
    es_health.check_plugin(es)
    replicas = es_health.replica_settings(s)
    installed = _installed_template_digests(es, s.index_prefix)
    for name in TEMPLATES:
        tpl = load_template(name, s.index_prefix)
        version = tpl.pop("schema_version")
        tpl["template"].setdefault("settings", {}).update(replicas)
        body = {"index_patterns": tpl["index_patterns"], "template": tpl["template"],
                "priority": tpl.get("priority", 100)}
        digest = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
        if installed.get(f"{s.index_prefix}-{name}") == digest:
            continue  # unchanged: a put would be a cluster-state task on the master for nothing
        es.indices.put_index_template(
            name=f"{s.index_prefix}-{name}",
            **body,
            meta={"schema_version": version, "managed_by": "rasd", "digest": digest},
        )
    # one read of every mapping instead of an existence check and a mapping read per index
    mappings = es.options(ignore_status=404).indices.get_mapping(index=f"{s.index_prefix}-*",
                                                                 expand_wildcards="open")
    have = {k: v.get("mappings", {}) for k, v in dict(mappings).items() if isinstance(v, dict)}
    for name in TEMPLATES[1:]:
        index = f"{s.index_prefix}-{name}"
        if index not in have:
            try:
                es.indices.create(index=index)
            except Exception as exc:  # created concurrently by another task
                if "resource_already_exists" not in str(exc):
                    raise
        else:
            sync_mapping(es, index, name, s.index_prefix, have=have[index])
    if es.indices.exists_alias(name=s.articles_write_alias):
        live = next(iter(es.indices.get_alias(name=s.articles_write_alias)))
        sync_mapping(es, live, "articles", s.index_prefix, have=have.get(live))
        sync_replicas(es, s, replicas)
        return live
    version = load_template("articles", s.index_prefix)["schema_version"]
    index = articles_index_name(s, version)
    try:
        es.indices.create(
            index=index,
            aliases={s.articles_alias: {}, s.articles_write_alias: {"is_write_index": True}},
        )
    except Exception as exc:
        if "resource_already_exists" not in str(exc):
            raise
    else:
        record_analysis(es, index)
    return index


def _installed_template_digests(es: Elasticsearch, prefix: str) -> dict[str, str]:
    """Name -> ``_meta.digest`` of the index templates ``ensure_indices`` installed (one read instead of
    a put per template on every run; a template changed by hand has no digest, so it is put again)."""
    try:
        found = es.options(ignore_status=404).indices.get_index_template(name=f"{prefix}-*")
    except ApiError:  # e.g. a client allowed to put templates but not to list them: put them all
        return {}
    return {t["name"]: str((t["index_template"].get("_meta") or {}).get("digest"))
            for t in found.get("index_templates", [])}


def sync_mapping(es: Elasticsearch, index: str, name: str, prefix: str,
                 have: dict[str, Any] | None = None) -> list[str]:
    """Add to ``index`` the top-level fields of template ``name`` it lacks; returns their names.

    Indices are ``dynamic: strict``, so a document with a field the index was created without
    is refused. Elasticsearch lets a mapping gain fields, so an index created before a template
    change takes documents of the new shape at once; stored documents get the new fields' values
    from ``rasd index migrate`` (articles). Changed or removed fields are left alone."""
    want = load_template(name, prefix)["template"]["mappings"].get("properties", {})
    mapping = have if have is not None else es.indices.get_mapping(index=index)[index]["mappings"]
    props = mapping.get("properties", {})
    missing = {k: v for k, v in want.items() if k not in props}
    if any(_analyzers(v) for v in missing.values()):
        # a field whose analyzer the index was created without (trend_text: rasd_terms) waits for
        # the migration, which creates the index with the template's analysis settings
        analysis = es.indices.get_settings(index=index)[index]["settings"]["index"].get("analysis", {})
        known = set(analysis.get("analyzer", {})) | set(analysis.get("normalizer", {})) | BUILTIN_ANALYZERS
        missing = {k: v for k, v in missing.items() if _analyzers(v) <= known}
    if missing:
        es.indices.put_mapping(index=index, properties=missing)
    return sorted(missing)


def sync_replicas(es: Elasticsearch, settings: Settings, replicas: dict[str, Any]) -> list[str]:
    """Give the existing Rasd indices the replica settings of ``RASD_INDEX_REPLICAS`` (indices made
    before the setting, or before it changed); returns the indices changed. Dynamic settings: no
    reindex, no downtime."""
    # without include_defaults (it renders every default setting of every index): a setting not set
    # has Elasticsearch's default, auto_expand_replicas "false" and one replica
    have = es.indices.get_settings(index=f"{settings.index_prefix}-*", expand_wildcards="open",
                                   name="index.number_of_replicas,index.auto_expand_replicas", flat_settings=True)
    want_auto = str(replicas["auto_expand_replicas"])
    changed = []
    for index, found in have.items():
        flat = found.get("settings", {})
        auto = str(flat.get("index.auto_expand_replicas", "false"))
        if auto != want_auto or (want_auto == "false" and
                                 str(flat.get("index.number_of_replicas", 1)) != str(replicas["number_of_replicas"])):
            changed.append(index)
    if changed:
        body = {"index.auto_expand_replicas": want_auto}
        if want_auto == "false":
            body["index.number_of_replicas"] = replicas["number_of_replicas"]
        es.indices.put_settings(index=",".join(changed), settings=body)
    return changed

BUILTIN_ANALYZERS = {"standard", "simple", "whitespace", "keyword", "stop", "pattern"}


def _analyzers(mapping: dict[str, Any]) -> set[str]:
    """Analyzers and normalizers a field mapping names, its sub-fields and properties included."""
    names = {mapping[k] for k in ("analyzer", "search_analyzer", "search_quote_analyzer", "normalizer")
             if isinstance(mapping.get(k), str)}
    for key in ("fields", "properties"):
        for sub in (mapping.get(key) or {}).values():
            names |= _analyzers(sub)
    return names


def schema_status(es: Elasticsearch, settings: Settings | None = None) -> dict[str, Any]:
    """The live article index's schema version against the template's (``behind`` = migrate)."""
    s = settings or get_settings()
    index = next(iter(es.indices.get_alias(name=s.articles_write_alias)))
    meta = es.indices.get_mapping(index=index)[index]["mappings"].get("_meta") or {}
    have = int(meta.get("schema_version", 1))
    want = int(load_template("articles", s.index_prefix)["schema_version"])
    return {"index": index, "version": have, "template_version": want, "behind": have < want}


def existing_ids(
    es: Elasticsearch, ids: Iterable[str], settings: Settings | None = None, *, include_skipped: bool = True
) -> set[str]:
    """Which of ``ids`` were already handled: indexed (read alias) or, with
    ``include_skipped``, deliberately skipped (``{prefix}-skipped``)."""
    s = settings or get_settings()
    ids = list(dict.fromkeys(ids))
    found: set[str] = set()
    indices = [s.articles_alias] + ([s.skipped_index] if include_skipped else [])
    for index in indices:
        todo = [i for i in ids if i not in found]
        for i in range(0, len(todo), 500):
            try:
                resp = es.mget(index=index, ids=todo[i : i + 500], source=False)
            except NotFoundError:
                break
            found.update(d["_id"] for d in resp["docs"] if d.get("found"))
    return found


def handled_by(
    es: Elasticsearch, ids: Iterable[str], settings: Settings | None = None
) -> dict[str, tuple[bool, str | None]]:
    """Which of ``ids`` are handled already: id -> (indexed, not deliberately skipped; the run that did it)."""
    s = settings or get_settings()
    ids = list(dict.fromkeys(ids))
    found: dict[str, tuple[bool, str | None]] = {}
    for index, indexed in ((s.articles_alias, True), (s.skipped_index, False)):
        todo = [i for i in ids if i not in found]
        for i in range(0, len(todo), 500):
            try:
                resp = es.mget(index=index, ids=todo[i : i + 500], source_includes=["run_id"])
            except NotFoundError:
                break
            found.update({d["_id"]: (indexed, (d.get("_source") or {}).get("run_id"))
                          for d in resp["docs"] if d.get("found")})
    return found


def record_skipped(
    es: Elasticsearch,
    skipped: list[tuple[Article, str]],
    settings: Settings | None = None,
    *,
    run_id: str | None = None,
) -> None:
    """Remember entries deliberately not indexed, so polls do not refetch them."""
    if not skipped:
        return
    s = settings or get_settings()
    now = datetime.now(UTC).isoformat()
    actions = []
    for art, reason in skipped:
        doc: dict[str, Any] = {"url": art.url, "source_id": art.source_id, "reason": reason, "seen_at": now}
        if art.language:
            doc["language"] = art.language.lang
        if art.tags:
            doc["libya_relevance"] = art.tags.libya_relevance
        if art.content and art.content.title:
            doc["title"] = art.content.title
        if run_id:
            doc["run_id"] = run_id
        actions.append({"_op_type": "index", "_index": s.skipped_index, "_id": art.id, "_source": doc})
    for _ok, _item in streaming_bulk(es, actions, max_retries=s.bulk_max_retries, raise_on_error=False):
        pass


@dataclass
class BulkResult:
    indexed: int = 0
    failed: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    failed_docs: dict[str, dict[str, Any]] = field(default_factory=dict)


def index_articles(
    es: Elasticsearch,
    articles: Iterable[Article],
    settings: Settings | None = None,
    *,
    run_id: str | None = None,
    refresh: bool | str = False,
) -> BulkResult:
    """Bulk-index articles by id (idempotent: same canonical URL, same id).

    429s are retried with back-off by ``streaming_bulk`` (``max_retries``);
    items that still fail are returned, never dropped silently.
    """
    s = settings or get_settings()
    now = datetime.now(UTC)
    docs: dict[str, dict[str, Any]] = {}
    for art in articles:
        doc = art.to_document(now)
        if run_id:
            doc["run_id"] = run_id
        docs[art.id] = doc
    return index_documents(es, docs, s, refresh=refresh)


def index_documents(
    es: Elasticsearch, docs: dict[str, dict[str, Any]], settings: Settings, *, refresh: bool | str = False
) -> BulkResult:
    """Bulk-index ready documents by id; failures are reported with their documents."""
    s = settings

    def actions() -> Iterable[dict[str, Any]]:
        for doc_id_, doc in docs.items():
            yield {"_op_type": "index", "_index": s.articles_write_alias, "_id": doc_id_, "_source": doc}

    result = BulkResult()
    try:
        for ok, item in streaming_bulk(
            es,
            actions(),
            chunk_size=s.bulk_chunk_size,
            max_retries=s.bulk_max_retries,
            initial_backoff=s.bulk_initial_backoff,
            max_backoff=30,
            raise_on_error=False,
            raise_on_exception=True,
        ):
            if ok:
                result.indexed += 1
            else:
                result.failed += 1
                info = item.get("index", item)
                result.errors.append(info)
                if info.get("_id") in docs:
                    result.failed_docs[info["_id"]] = docs[info["_id"]]
    except Exception as exc:
        raise IndexingError(f"bulk indexing failed: {exc}") from exc
    if refresh:
        es.indices.refresh(index=s.articles_write_alias)
    return result


def record_dead_letters(
    es: Elasticsearch, result: BulkResult, settings: Settings | None = None, *, run_id: str | None = None
) -> int:
    """Keep the documents a bulk could not index, for the next run to retry."""
    s = settings or get_settings()
    if not result.failed_docs:
        return 0
    now = datetime.now(UTC).isoformat()
    errors = {str(e.get("_id")): e for e in result.errors}
    existing = {d["_id"]: d.get("_source", {}) for d in es.mget(index=s.deadletter_index,
                                                                   ids=list(result.failed_docs))["docs"]
                if d.get("found")}
    actions = []
    for doc_id_, doc in result.failed_docs.items():
        err = errors.get(doc_id_, {})
        old = existing.get(doc_id_, {})
        actions.append({"_op_type": "index", "_index": s.deadletter_index, "_id": doc_id_, "_source": {
            "doc": doc, "error": str(err.get("error"))[:2000], "status": err.get("status"),
            "attempts": int(old.get("attempts", 0)) + 1, "first_failed_at": old.get("first_failed_at", now),
            "last_failed_at": now, "run_id": run_id}})
    for _ok, _item in streaming_bulk(es, actions, max_retries=s.bulk_max_retries, raise_on_error=False):
        pass
    es.indices.refresh(index=s.deadletter_index)
    return len(actions)


def retry_dead_letters(es: Elasticsearch, settings: Settings | None = None, *, run_id: str | None = None
                       ) -> dict[str, int]:
    """Index the dead letters again; delete those that succeed, keep (and count) the rest."""
    s = settings or get_settings()
    if not es.indices.exists(index=s.deadletter_index):
        return {}
    es.indices.refresh(index=s.deadletter_index)
    hits = es.search(index=s.deadletter_index, size=10_000, query={"match_all": {}})["hits"]["hits"]
    if not hits:
        return {}
    docs = {h["_id"]: h["_source"]["doc"] for h in hits}
    result = index_documents(es, docs, s)
    done = [i for i in docs if i not in result.failed_docs]
    for _ok, _ in streaming_bulk(es, ({"_op_type": "delete", "_index": s.deadletter_index, "_id": i} for i in done),
                                raise_on_error=False):
        pass
    record_dead_letters(es, result, s, run_id=run_id)
    if done:
        # a letter may belong to a cluster whose other members were indexed meanwhile: settle sizes and leads
        from pipeline import dedup

        dedup.reconcile(es, done, s)
    return {"dead_letters_retried": len(docs), "dead_letters_indexed": len(done),
            "dead_letters_left": len(result.failed_docs)}


def count(es: Elasticsearch, settings: Settings | None = None, query: dict[str, Any] | None = None) -> int:
    s = settings or get_settings()
    es.indices.refresh(index=s.articles_alias)
    return int(es.count(index=s.articles_alias, query=query or {"match_all": {}})["count"])


# -- analysis drift ------------------------------------------------------------------------------
# An index keeps the tokens its analyzer produced when each document was indexed. If the
# rasd-analysis plugin changes afterwards (a new stemming rule, a gazetteer name added to the
# protected words), queries are analyzed the new way and miss what was indexed the old way
# (السراج kept whole now, cut to سراج then). So every article index records, at creation, a
# probe text and the fingerprint of its analysis; :func:`analysis_status` analyzes the stored
# probe again with the node's current plugin. A different fingerprint means: migrate
# (``rasd index migrate`` / the ``libya_news_reindex`` DAG) to re-analyze every document.

_PROBE_EXTRA = ("ليبيا لليبيا بليبيا الليبية والحكومة بالمؤسسات المدارس الانتخابات بطرابلس وطرابلس "
                "والسراج للسراج المؤسسة الوطنية للنفط مصرف ليبيا المركزي اشتباكات مسلحة الاقتصادية "
                "والمسؤولين بالمواطنين كتبوا يكتبون سيكتبونها المعلمين والمعلمات")


def analysis_probe() -> str:
    """Words whose analysis shows a change of the plugin: the protected names and the hand-kept
    protected words in clitic forms, a suffixed form of each, and ordinary inflected words."""
    from pipeline.wordlists import PROTECTED_COMMON_WORDS_FILE, generate_protected_words, load_stop_words

    names = generate_protected_words()
    if PROTECTED_COMMON_WORDS_FILE.exists():  # not in a checkout-less install (the Airflow image)
        names += sorted(load_stop_words(PROTECTED_COMMON_WORDS_FILE))
    forms = [f"{w} و{w} ب{w} {w}ي" if not w.startswith("ال") else f"{w} و{w} ل{w[1:]}" for w in names]
    return " ".join(forms) + " " + _PROBE_EXTRA


def analysis_fingerprint(es: Elasticsearch, index: str, text: str) -> str:
    tokens = es.indices.analyze(index=index, analyzer="rasd_arabic", text=text)["tokens"]
    joined = "\n".join(f"{t['position']}\t{t['token']}" for t in tokens)
    return hashlib.sha256(joined.encode()).hexdigest()


def record_analysis(es: Elasticsearch, index: str) -> str:
    """Store the probe, its fingerprint and the template's schema version in ``index``'s mapping
    ``_meta`` (at creation)."""
    probe = analysis_probe()
    fingerprint = analysis_fingerprint(es, index, probe)
    version = load_template("articles", index.rsplit("-articles-", 1)[0])["schema_version"]
    es.indices.put_mapping(index=index, meta={"analysis_probe": probe, "analysis_fingerprint": fingerprint,
                                              "analysis_recorded_at": datetime.now(UTC).isoformat(),
                                              "schema_version": version})
    return fingerprint


def template_schema_version() -> int:
    """``schema_version`` of the article template in this checkout."""
    return int(json.loads((TEMPLATE_DIR / "articles.json").read_text(encoding="utf-8"))["schema_version"])


def analysis_status(es: Elasticsearch, settings: Settings | None = None) -> dict[str, Any]:
    """Whether the live article index was analyzed as the node analyzes today.

    ``state``: ``current``; ``stale`` (the plugin analyzes the stored probe differently, or the index was
    made from an older template: migrate); ``unknown`` (an index created before probes were recorded).
    An index without a recorded schema version was made from schema 1."""
    s = settings or get_settings()
    index = next(iter(es.indices.get_alias(name=s.articles_write_alias)))
    meta = es.indices.get_mapping(index=index)[index]["mappings"].get("_meta") or {}
    probe, stored = meta.get("analysis_probe"), meta.get("analysis_fingerprint")
    built, wanted = int(meta.get("schema_version", 1)), template_schema_version()
    if built < wanted:
        return {"index": index, "state": "stale",
                "detail": f"made from article template schema {built}, the template is now schema {wanted} (new "
                          "analyzers or fields): run `rasd index migrate` (or the libya_news_reindex DAG)"}
    if not probe or not stored:
        return {"index": index, "state": "unknown", "detail": "no analysis probe recorded (created before probes)"}
    now = analysis_fingerprint(es, index, probe)
    if now == stored:
        return {"index": index, "state": "current", "detail": "the node analyzes the stored probe as at creation"}
    return {"index": index, "state": "stale",
            "detail": "the analysis plugin changed since this index was built: run `rasd index migrate` "
                      "(or the libya_news_reindex DAG) so documents are analyzed like queries"}
