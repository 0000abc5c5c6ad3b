"""Least privilege on a real secured Elasticsearch.

Starts its own local node ``sec`` (``pipeline.es_local``, security on, file realm) on port
``RASD_TEST_SEC_ES_PORT`` (default 9255) with the project's roles
(``pipeline/data/security/roles.json``) and the two users of the compose stack:
``rasd_indexer`` (role ``rasd_writer``) and ``rasd_analyst`` (role ``rasd_analyst``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from elasticsearch import AuthenticationException, AuthorizationException, Elasticsearch

from pipeline.config import Settings
from pipeline.index import ensure_indices, get_client, index_articles
from pipeline.models import Article, Content, LanguageInfo

NODE = "sec"
PREFIX = "rasd"  # the roles grant rasd-*: use the real prefix, not the test one
OTHER = "other-index"
ARTICLE_ID = "sec-test-1"


@dataclass
class SecNode:
    url: str
    elastic: Elasticsearch
    indexer_settings: Settings
    indexer: Elasticsearch
    analyst: Elasticsearch
    articles_index: str  # concrete index behind rasd-articles, created by the indexer
    indexed: int
    failed: int


def _client(url: str, user: str, password: str) -> Elasticsearch:
    return Elasticsearch(url, basic_auth=(user, password), request_timeout=30)


@pytest.fixture(scope="module")
def sec() -> Iterator[SecNode]:
    from pipeline import es_local

    # Fixed passwords: a second test session sharing the node finds the users as they are.
    indexer_pw, analyst_pw = "indexer-test-password", "analyst-test-password"
    users = {"rasd_indexer": (indexer_pw, ["rasd_writer"]), "rasd_analyst": (analyst_pw, ["rasd_analyst"])}
    was_running = bool(es_local.status(NODE)["running"])
    info = es_local.start(
        name=NODE,
        port=int(os.environ.get("RASD_TEST_SEC_ES_PORT", "9255")),
        security=True,
        users=users,
        timeout=300,  # a loaded 2-core CI machine takes a minute or more
    )
    assert info.elastic_password
    elastic = _client(info.url, "elastic", info.elastic_password)
    settings = Settings(es_url=info.url, es_username="rasd_indexer", es_password=indexer_pw, index_prefix=PREFIX)
    indexer = get_client(settings)
    analyst = _client(info.url, "rasd_analyst", analyst_pw)
    try:
        # A fresh start: nothing of an earlier run (the node folder keeps its data).
        elastic.options(ignore_status=404).indices.delete(index=f"{PREFIX}-*,{OTHER}", expand_wildcards="all")
        for t in (
            elastic.options(ignore_status=404).indices.get_index_template(name=f"{PREFIX}-*").get("index_templates", [])
        ):
            elastic.indices.delete_index_template(name=t["name"])
        elastic.index(index=OTHER, id="1", document={"title": "not for rasd users"}, refresh=True)
        # As the indexer: templates, indices and aliases, then one article.
        index = ensure_indices(indexer, settings)
        article = Article(
            id=ARTICLE_ID,
            url="https://example.ly/news/1",
            canonical_url="https://example.ly/news/1",
            source_id="test",
            content=Content(
                title="اجتماع في طرابلس حول ليبيا",
                text="نص الخبر عن ليبيا والمؤسسة الوطنية للنفط " * 6,
                published_at=datetime(2025, 1, 1, tzinfo=UTC),
            ),
            language=LanguageInfo(lang="ar", prob=1.0),
        )
        result = index_articles(indexer, [article], settings, refresh=True)
        yield SecNode(
            url=info.url,
            elastic=elastic,
            indexer_settings=settings,
            indexer=indexer,
            analyst=analyst,
            articles_index=index,
            indexed=result.indexed,
            failed=result.failed,
        )
    finally:
        for es in (elastic, indexer, analyst):
            es.close()
        if not was_running:
            es_local.stop(NODE)


def test_status_authenticates_on_a_secured_node(sec: SecNode) -> None:
    from pipeline import es_local

    st = es_local.status(NODE)
    assert st["security"] is True
    assert st["health"]["status"] in ("green", "yellow")


def test_anonymous_and_wrong_password_are_rejected(sec: SecNode) -> None:
    anonymous = Elasticsearch(sec.url, request_timeout=10)
    wrong = _client(sec.url, "rasd_analyst", "not-the-password")
    try:
        for es in (anonymous, wrong):
            with pytest.raises(AuthenticationException):
                es.search(index=f"{PREFIX}-articles")
    finally:
        anonymous.close()
        wrong.close()


def test_indexer_installs_indices_and_indexes(sec: SecNode) -> None:
    s = sec.indexer_settings
    assert sec.indexed == 1 and sec.failed == 0
    aliases = sec.elastic.indices.get_alias(index=sec.articles_index)[sec.articles_index]["aliases"]
    assert set(aliases) == {s.articles_alias, s.articles_write_alias}
    templates = {t["name"] for t in sec.elastic.indices.get_index_template(name=f"{PREFIX}-*")["index_templates"]}
    assert f"{PREFIX}-articles" in templates
    assert sec.elastic.get(index=s.articles_alias, id=ARTICLE_ID)["found"]
    # Idempotent for the indexer too (templates overwritten, aliases found).
    assert ensure_indices(sec.indexer, s) == sec.articles_index


def test_analyst_searches_rasd_articles(sec: SecNode) -> None:
    resp = sec.analyst.search(index=f"{PREFIX}-articles", query={"match": {"title": "طرابلس"}})
    assert resp.meta.status == 200
    assert [h["_id"] for h in resp["hits"]["hits"]] == [ARTICLE_ID]


def test_analyst_cannot_read_other_indices(sec: SecNode) -> None:
    with pytest.raises(AuthorizationException):
        sec.analyst.search(index=OTHER)
    with pytest.raises(AuthorizationException):
        sec.analyst.get(index=OTHER, id="1")


@pytest.mark.parametrize("operation", ["index", "update", "delete", "create_index"])
def test_analyst_cannot_write(sec: SecNode, operation: str) -> None:
    es, index = sec.analyst, sec.articles_index
    with pytest.raises(AuthorizationException):
        if operation == "index":
            es.index(index=f"{PREFIX}-articles", id="analyst-doc", document={"title": "x"})
        elif operation == "update":
            es.update(index=index, id=ARTICLE_ID, doc={"title": "changed by the analyst"})
        elif operation == "delete":
            es.delete(index=index, id=ARTICLE_ID)
        else:
            es.indices.create(index=f"{PREFIX}-analyst-made")
    doc = sec.elastic.get(index=index, id=ARTICLE_ID)["_source"]
    assert doc["title"] == "اجتماع في طرابلس حول ليبيا"
    assert not sec.elastic.indices.exists(index=f"{PREFIX}-analyst-made")
    assert not sec.elastic.exists(index=index, id="analyst-doc")


def test_indexer_cannot_touch_other_indices(sec: SecNode) -> None:
    with pytest.raises(AuthorizationException):
        sec.indexer.index(index=OTHER, id="2", document={"title": "x"})
    with pytest.raises(AuthorizationException):
        sec.indexer.delete(index=OTHER, id="1")
    with pytest.raises(AuthorizationException):
        sec.indexer.indices.create(index="not-rasd")
    assert sec.elastic.count(index=OTHER)["count"] == 1
