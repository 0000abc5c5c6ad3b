"""Kibana saved objects (kibana/rasd.ndjson) and their import; no Kibana needed.

The objects are checked by construction: valid export lines, every reference
resolves within the file, every field used exists in the index template behind
its data view, the searches and dashboards the issue asks for exist. The import
goes to a small local HTTP server that mimics the saved-objects import API.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import re
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from pipeline import kibana
from pipeline.airflow_support import kibana_discover_url
from pipeline.config import DATA_DIR

REPO = Path(__file__).resolve().parents[1]
NDJSON = REPO / "kibana" / "rasd.ndjson"
INDEX_DIR = DATA_DIR / "index"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("rasd_kibana_generate", REPO / "kibana" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def objects() -> list[dict[str, Any]]:
    return kibana.load_objects(NDJSON)


@pytest.fixture(scope="module")
def by_id(objects) -> dict[tuple[str, str], dict[str, Any]]:
    return {(o["type"], o["id"]): o for o in objects}


@pytest.fixture(scope="module")
def mappings() -> dict[str, set[str]]:
    return kibana.default_mappings()


def topic_ids() -> set[str]:
    return {t["id"] for t in yaml.safe_load((DATA_DIR / "topics.yaml").read_text(encoding="utf-8"))}


def search_source(obj: dict[str, Any]) -> dict[str, Any]:
    return json.loads(obj["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])


# -- the file -------------------------------------------------------------------------------------
def test_every_line_is_a_saved_object():
    lines = [line for line in NDJSON.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) >= 20
    for no, line in enumerate(lines, 1):
        obj = json.loads(line)
        assert isinstance(obj, dict), no
        assert isinstance(obj.get("type"), str) and isinstance(obj.get("id"), str), no
        assert isinstance(obj.get("attributes"), dict) and obj["attributes"].get("title"), no
        assert isinstance(obj.get("references"), list), no
        assert obj.get("coreMigrationVersion") and obj.get("typeMigrationVersion"), no


def test_file_is_generated_from_generate_py():
    gen = _load_generator()
    assert NDJSON.read_text(encoding="utf-8") == gen.render(gen.build()), (
        "kibana/rasd.ndjson differs from kibana/generate.py: run `python kibana/generate.py`"
    )


def test_check_finds_no_problem(objects, mappings):
    assert kibana.check(objects, mappings) == []


def test_ids_are_unique_and_readable(objects):
    keys = [(o["type"], o["id"]) for o in objects]
    assert len(keys) == len(set(keys))
    for type_, id_ in keys:
        assert re.fullmatch(r"rasd-[a-z0-9-]+", id_), (type_, id_)


def test_every_reference_resolves(objects, by_id):
    for obj in objects:
        for ref in obj["references"]:
            assert (ref["type"], ref["id"]) in by_id, (obj["id"], ref)


def test_every_field_used_exists_in_the_mapping(objects, mappings):
    """The same check as ``kibana.check`` spelled out: each data view's fields against its template."""
    runtime = {
        o["id"]: set(json.loads(o["attributes"]["runtimeFieldMap"])) for o in objects if o["type"] == "index-pattern"
    }
    for obj in objects:
        for use in kibana._field_uses(obj):
            dvs = [use.data_view] if use.data_view else [r["id"] for r in obj["references"]
                                                         if r["type"] == "index-pattern"]
            assert dvs, (obj["id"], use)
            for dv in dvs:
                fields = mappings[dv] if use.source_path else mappings[dv] | runtime[dv]
                assert kibana.field_known(use.field, fields, allow_object=use.source_path), (obj["id"], use, dv)


# -- data views -----------------------------------------------------------------------------------
def test_data_views(by_id):
    expected = {"rasd-articles": "event_time", "rasd-runs": "started_at", "rasd-feeds": "last_polled",
                "rasd-retries": "last_failed_at", "rasd-sources": "updated_at", "rasd-suggestions": "found_at",
                "rasd-alerts": "created_at",
                "rasd-trends": "window_start", "rasd-names": "last_seen"}
    views = {id_: o for (t, id_), o in by_id.items() if t == "index-pattern"}
    assert set(views) == set(expected)
    for id_, time_field in expected.items():
        assert views[id_]["attributes"]["title"] == id_
        assert views[id_]["attributes"]["timeFieldName"] == time_field


def test_airflow_link_targets_the_articles_data_view(by_id):
    url = kibana_discover_url("manual__2025-01-01", "http://kibana:5601")
    view_id = re.search(r"dataViewId:([\w-]+)", url).group(1)
    assert ("index-pattern", view_id) in by_id
    assert by_id["index-pattern", view_id]["attributes"]["title"] == "rasd-articles"  # the read alias


def test_topic_names_are_shown_for_every_topic(by_id):
    formats = json.loads(by_id["index-pattern", "rasd-articles"]["attributes"]["fieldFormatMap"])
    entries = formats["topics"]["params"]["lookupEntries"]
    assert {e["key"] for e in entries} == topic_ids()


def test_run_fields_are_written_by_ingest(by_id):
    """``counts.*`` / ``errors_by_kind.*`` keys the runs data view declares are keys the pipeline writes,
    and every error kind the code defines is charted."""
    runtime = json.loads(by_id["index-pattern", "rasd-runs"]["attributes"]["runtimeFieldMap"])
    # alert delivery errors (pipeline/delivery.py) go to the outbox's last_error_kind, not to run records
    source = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "pipeline").glob("*.py")
                       if p.name != "delivery.py")
    count_keys = {n.split(".", 1)[1] for n in runtime if n.startswith("counts.")}
    written = set(re.findall(r'counts\["(\w+)"\]', source))
    poll_statuses = set(re.findall(r'result\.status(?:, [\w.]+)* = "(\w+)"', source)) | {"ok"}
    written |= {f"feeds_{s}" for s in poll_statuses}
    assert count_keys <= written, count_keys - written

    kinds = {n.split(".", 1)[1] for n in runtime if n.startswith("errors_by_kind.")}
    errors_py = (REPO / "pipeline" / "errors.py").read_text(encoding="utf-8")
    defined = set(re.findall(r'^\s+kind = "(\w+)"', errors_py, re.M))  # RasdError subclasses
    defined |= set(re.findall(r'\w+Error\((?:(?!\w+Error\().){0,400}?\bkind="(\w+)"', source, re.S))  # raise …(kind=)
    defined |= set(re.findall(r'errors\.append\(\{[^}]*"kind": "(\w+)"', source))  # per-article errors
    assert {"timeout", "http_5xx", "bad_feed", "no_text", "index"} <= defined  # the patterns still match
    missing = defined - kinds
    assert not missing, f"chart these error kinds in kibana/generate.py (ERROR_KINDS): {missing}"


# -- saved searches -------------------------------------------------------------------------------
REQUIRED_SEARCHES = {
    "rasd-search-latest": set(),
    "rasd-search-security": {"security"},
    "rasd-search-oil-energy": {"oil_energy"},
    "rasd-search-politics-elections": {"politics_elections"},
    "rasd-search-by-person": set(),
}


def test_required_saved_searches(by_id):
    for id_, topics in REQUIRED_SEARCHES.items():
        obj = by_id["search", id_]
        attrs = obj["attributes"]
        assert attrs["sort"] == [["event_time", "desc"]]  # never null: undated articles are listed too
        assert {"title", "source_name", "persons", "published_at"} <= set(attrs["columns"])
        source = search_source(obj)
        assert source["query"]["language"] == "kuery"
        refs = {r["name"]: r for r in obj["references"]}
        assert refs[source["indexRefName"]]["id"] == "rasd-articles"
        used = set(re.findall(r"topics:\(?([\w ]+)\)?", source["query"]["query"]))
        named = {w for group in used for w in group.split() if w not in {"or", "and"}}
        assert topics <= named, (id_, named)


def test_search_topics_exist(by_id):
    known = topic_ids()
    for (type_, id_), obj in by_id.items():
        if type_ != "search":
            continue
        query = search_source(obj)["query"]["query"]
        for group in re.findall(r"topics:\(([^)]*)\)|topics:(\w+)", query):
            for word in " ".join(group).split():
                if word not in {"or", "and", "not"}:
                    assert word in known, (id_, word)


def test_by_person_filter_names_a_gazetteer_person(by_id):
    persons = yaml.safe_load((DATA_DIR / "gazetteer" / "persons.yaml").read_text(encoding="utf-8"))
    canonical = {p["ar"] for p in persons}
    obj = by_id["search", "rasd-search-by-person"]
    source = search_source(obj)
    (flt,) = source["filter"]
    assert flt["meta"]["key"] == "persons"
    assert flt["meta"]["params"]["query"] in canonical
    refs = {r["name"]: r for r in obj["references"]}
    assert refs[flt["meta"]["indexRefName"]] == {
        "name": flt["meta"]["indexRefName"], "type": "index-pattern", "id": "rasd-articles"}


# -- Lens and dashboards -------------------------------------------------------------------------
def test_lens_layers_reference_their_data_view(objects):
    lenses = [o for o in objects if o["type"] == "lens"]
    assert len(lenses) >= 10
    for obj in lenses:
        attrs = obj["attributes"]
        assert attrs["visualizationType"] in {"lnsXY", "lnsDatatable", "lnsPie", "lnsMetric"}
        state = attrs["state"]
        assert {"visualization", "query", "filters", "datasourceStates"} <= set(state)
        refs = {r["name"]: r for r in obj["references"]}
        for layer_id in state["datasourceStates"]["formBased"]["layers"]:
            ref = refs[f"indexpattern-datasource-layer-{layer_id}"]
            assert ref["type"] == "index-pattern" and ref["id"] in {"rasd-articles", "rasd-runs", "rasd-feeds",
                                                                     "rasd-retries", "rasd-sources", "rasd-alerts",
                                                                     "rasd-trends"}


def test_duplicate_ratio_formula(by_id):
    state = by_id["lens", "rasd-lens-duplicate-ratio"]["attributes"]["state"]
    (layer,) = state["datasourceStates"]["formBased"]["layers"].values()
    formula = state["visualization"]["metricAccessor"]
    col = layer["columns"][formula]
    assert col["operationType"] == "formula"
    assert col["params"]["formula"] == "count(kql='is_cluster_lead: false') / count()"
    assert layer["columns"][f"{formula}X0"]["filter"] == {"query": "is_cluster_lead: false", "language": "kuery"}


REQUIRED_PANELS = {
    "rasd-dashboard-news": {
        "rasd-lens-articles-per-source", "rasd-lens-top-persons", "rasd-lens-top-places", "rasd-lens-top-orgs",
        "rasd-lens-topics-over-time", "rasd-lens-duplicate-ratio",
    },
    "rasd-dashboard-health": {"rasd-lens-feed-status", "rasd-lens-feeds-by-status", "rasd-lens-run-counts",
                              "rasd-lens-run-errors", "rasd-lens-sources", "rasd-lens-sources-red",
                              "rasd-search-sources-not-ok", "rasd-search-suggestions"},
}


def test_dashboards_and_their_panels(by_id):
    for dash_id, required in REQUIRED_PANELS.items():
        dash = by_id["dashboard", dash_id]
        panels = json.loads(dash["attributes"]["panelsJSON"])
        refs = {r["name"]: r for r in dash["references"]}
        targets = set()
        for panel in panels:
            ref = refs[f"{panel['panelIndex']}:{panel['panelRefName']}"]
            assert ref["type"] == panel["type"]
            assert (ref["type"], ref["id"]) in by_id
            assert panel["gridData"]["i"] == panel["panelIndex"]
            assert panel["gridData"]["x"] + panel["gridData"]["w"] <= 48
            targets.add(ref["id"])
        assert required <= targets, required - targets
        assert len(refs) == len(panels)


def test_articles_time_field_is_never_null_and_charts_use_it(by_id):
    """The data view's time field is event_time (published, else first seen), so Kibana's time filter keeps
    undated articles; the charts over time use it too; published_at stays the publisher's claim."""
    from pipeline.models import Article, Content, HttpMeta

    assert by_id["index-pattern", "rasd-articles"]["attributes"]["timeFieldName"] == "event_time"
    for lens_id in ("rasd-lens-articles-per-source", "rasd-lens-topics-over-time"):
        layers = by_id["lens", lens_id]["attributes"]["state"]["datasourceStates"]["formBased"]["layers"]
        dates = [c["sourceField"] for layer in layers.values() for c in layer["columns"].values()
                 if c["operationType"] == "date_histogram"]
        assert dates == ["event_time"], (lens_id, dates)
    fetched = datetime(2025, 3, 5, 9, 30, tzinfo=UTC)
    undated = Article(id="a", url="https://x.ly/a", canonical_url="https://x.ly/a", source_id="s",
                      content=Content(title="t", text="نص"),
                      http=HttpMeta(url="https://x.ly/a", final_url="https://x.ly/a", status=200, fetched_at=fetched))
    doc = undated.to_document(datetime(2025, 3, 5, 9, 31, tzinfo=UTC))
    assert "published_at" not in doc and doc["event_time"] == fetched.isoformat() and doc["time_basis"] == "first_seen"
    dated = undated.model_copy(update={"content": Content(title="t", text="نص", published_at=fetched.replace(day=1))})
    doc = dated.to_document(fetched)
    assert doc["event_time"] == doc["published_at"] and doc["time_basis"] == "published"


def test_sources_table_colours_severity(by_id):
    """A silent or down source shows red in the health dashboard: the sources table colours the severity
    cell (0 green, 1 yellow, 2 red) and sorts the worst first."""
    attrs = by_id["lens", "rasd-lens-sources"]["attributes"]
    vis = attrs["state"]["visualization"]
    (col,) = [c for c in vis["columns"] if c.get("colorMode")]
    (layer,) = attrs["state"]["datasourceStates"]["formBased"]["layers"].values()
    assert layer["columns"][col["columnId"]]["sourceField"] == "severity" and col["colorMode"] == "cell"
    stops = col["palette"]["params"]["colorStops"]
    assert [s["stop"] for s in stops] == [0, 1, 2] and stops[-1]["color"] == "#CC5642"
    assert vis["sorting"] == {"columnId": col["columnId"], "direction": "desc"}
    from pipeline.routing import SEVERITY

    assert SEVERITY["down"] == SEVERITY["never"] == SEVERITY["silent"] == 2 and SEVERITY["fallback"] == 1


def test_feed_status_table_columns(by_id):
    layers = by_id["lens", "rasd-lens-feed-status"]["attributes"]["state"]["datasourceStates"]["formBased"]["layers"]
    (layer,) = layers.values()
    fields = {c["sourceField"] for c in layer["columns"].values()}
    assert {"source_id", "status", "last_success", "failure_score"} <= fields


def test_run_stats_columns(by_id):
    layers = by_id["lens", "rasd-lens-run-counts"]["attributes"]["state"]["datasourceStates"]["formBased"]["layers"]
    fields = {c.get("sourceField") for layer in layers.values() for c in layer["columns"].values()}
    assert {"started_at", "counts.indexed", "counts.articles_new", "counts.fetch_failed"} <= fields
    layers = by_id["lens", "rasd-lens-run-errors"]["attributes"]["state"]["datasourceStates"]["formBased"]["layers"]
    fields = {c.get("sourceField") for layer in layers.values() for c in layer["columns"].values()}
    assert any(f and f.startswith("errors_by_kind.") for f in fields)


# -- the checker catches mistakes ----------------------------------------------------------------
def _mutate(objects, type_, id_):
    objs = copy.deepcopy(objects)
    return objs, next(o for o in objs if o["type"] == type_ and o["id"] == id_)


def test_check_reports_dangling_reference(objects, mappings):
    objs, dash = _mutate(objects, "dashboard", "rasd-dashboard-news")
    dash["references"][0]["id"] = "rasd-lens-gone"
    problems = kibana.check(objs, mappings)
    assert any("rasd-lens-gone is not in the file" in p for p in problems), problems


def test_check_reports_missing_panel_reference(objects, mappings):
    objs, dash = _mutate(objects, "dashboard", "rasd-dashboard-health")
    dash["references"].pop()
    assert any("is missing" in p for p in kibana.check(objs, mappings))


def test_check_reports_unknown_field(objects, mappings):
    objs, lens = _mutate(objects, "lens", "rasd-lens-top-persons")
    layer = next(iter(lens["attributes"]["state"]["datasourceStates"]["formBased"]["layers"].values()))
    layer["columns"]["value"]["sourceField"] = "people"
    problems = kibana.check(objs, mappings)
    assert any("field people" in p for p in problems), problems


def test_check_reports_unknown_field_in_kql_and_columns(objects, mappings):
    objs, search = _mutate(objects, "search", "rasd-search-oil-energy")
    source = search_source(search)
    source["query"]["query"] = "topic:oil_energy"
    search["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"] = json.dumps(source)
    search["attributes"]["columns"].append("headline")
    problems = kibana.check(objs, mappings)
    assert any("field topic " in p for p in problems), problems
    assert any("field headline " in p for p in problems), problems


def test_check_reports_wrong_data_view_id(objects, mappings):
    objs, search = _mutate(objects, "search", "rasd-search-latest")
    search["references"][0]["id"] = "rasd-article"
    problems = kibana.check(objs, mappings)
    assert any("unknown data view id rasd-article" in p for p in problems), problems


def test_check_reports_lens_accessor_without_column(objects, mappings):
    objs, lens = _mutate(objects, "lens", "rasd-lens-articles-per-source")
    lens["attributes"]["state"]["visualization"]["layers"][0]["accessors"] = ["nope"]
    assert any("accessor nope" in p for p in kibana.check(objs, mappings))


def test_check_reports_missing_migration_version(objects, mappings):
    objs, lens = _mutate(objects, "lens", "rasd-lens-top-orgs")
    del lens["typeMigrationVersion"]
    assert any("typeMigrationVersion" in p for p in kibana.check(objs, mappings))


# -- helpers ----------------------------------------------------------------------------------------
def test_mapping_fields_flattens_sub_fields_and_dynamic_objects():
    articles = kibana.mapping_fields(INDEX_DIR / "articles.json")
    assert {"title", "title.exact", "title.raw", "persons", "persons.norm", "published_at"} <= articles
    runs = kibana.mapping_fields(json.loads((INDEX_DIR / "runs.json").read_text(encoding="utf-8")))
    assert {"counts.*", "errors_by_kind.*", "durations_ms.*", "started_at"} <= runs
    assert not any(f == "feeds" or f.startswith("feeds.") for f in runs)  # enabled: false
    assert kibana.field_known("counts.duplicate_near", runs)
    assert not kibana.field_known("counts", runs)
    assert kibana.field_known("counts", runs, allow_object=True)
    assert not kibana.field_known("count.indexed", runs)


def test_kql_fields():
    assert kibana.kql_fields('topics:(security or terrorism) and not is_cluster_lead:false') == {
        "topics", "is_cluster_lead"}
    assert kibana.kql_fields('persons:"عبد الحميد: الدبيبة" or title.exact:x') == {"persons", "title.exact"}
    assert kibana.kql_fields("published_at >= now-7d and libya_relevance>0.5") == {"published_at", "libya_relevance"}
    assert kibana.kql_fields("") == set()


def test_load_objects_skips_export_summary_and_names_bad_lines(tmp_path):
    good = tmp_path / "x.ndjson"
    good.write_text('{"type":"search","id":"a","attributes":{}}\n\n{"exportedCount":1,"missingRefCount":0}\n',
                    encoding="utf-8")
    assert [o["id"] for o in kibana.load_objects(good)] == ["a"]
    bad = tmp_path / "y.ndjson"
    bad.write_text('{"type":"search","id":"a","attributes":{}}\n{oops\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"y\.ndjson:2"):
        kibana.load_objects(bad)


# -- import against a fake Kibana -----------------------------------------------------------------
class FakeKibana:
    """A thread serving ``POST /api/saved_objects/_import`` the way Kibana does, recording requests."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.mode = "ok"
        # stored objects: (space, type, id) -> originId (the id of the file it came from). Data views,
        # searches, Lens and dashboards are "multiple-isolated" types in Kibana 8: an id is unique
        # across spaces, so importing an object whose id exists in another space creates a copy
        # with a new id (successResults[].destinationId), and the next import into that space
        # overwrites the copy it made (found by originId).
        self.store: dict[tuple[str, str, str], str] = {}
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                msg = BytesParser(policy=HTTP).parsebytes(
                    f"Content-Type: {self.headers.get('Content-Type')}\r\n\r\n".encode() + body)
                parts = {p.get_param("name", header="content-disposition"): p for p in msg.iter_parts()} \
                    if msg.is_multipart() else {}
                split = urlsplit(self.path)
                record = {"path": split.path, "query": parse_qs(split.query), "headers": dict(self.headers),
                          "parts": parts}
                fake.requests.append(record)
                file_part = parts.get("file")
                if not self.headers.get("kbn-xsrf"):
                    return self._send(400, {"statusCode": 400, "error": "Bad Request",
                                            "message": 'Request must contain a kbn-xsrf header.'})
                if fake.mode == "unauthorized":
                    return self._send(401, {"statusCode": 401, "error": "Unauthorized", "message": "nope"})
                if file_part is None:
                    return self._send(415, {"statusCode": 415, "message": "no file"})
                lines = [json.loads(x) for x in file_part.get_payload(decode=True).decode().splitlines() if x]
                if fake.mode == "errors":
                    return self._send(200, {
                        "success": False, "successCount": len(lines) - 1, "successResults": [],
                        "errors": [{"id": "rasd-lens-top-orgs", "type": "lens", "title": "Rasd: top organisations",
                                    "meta": {"title": "Rasd: top organisations", "icon": "lensApp"},
                                    "error": {"type": "missing_references",
                                              "references": [{"type": "index-pattern", "id": "rasd-articles"}]}}],
                    })
                space = split.path.split("/")[2] if split.path.startswith("/s/") else "default"
                return self._send(200, {"success": True, "successCount": len(lines),
                                        "successResults": [fake.place(space, o) for o in lines], "warnings": []})

            def _send(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def place(self, space: str, obj: dict[str, Any]) -> dict[str, Any]:
        """Store one imported object as Kibana does with overwrite=true; its successResults entry."""
        type_, id_ = obj["type"], obj["id"]
        result: dict[str, Any] = {"type": type_, "id": id_, "meta": {"title": obj["attributes"]["title"]}}
        if (space, type_, id_) in self.store:
            return result | {"overwrite": True}
        copy = next((k[2] for k, origin in self.store.items() if k[:2] == (space, type_) and origin == id_), None)
        if copy is not None:
            return result | {"destinationId": copy, "overwrite": True}
        if any(k[1:] == (type_, id_) for k in self.store):
            new_id = str(uuid.uuid4())
            self.store[(space, type_, new_id)] = id_
            return result | {"destinationId": new_id}
        self.store[(space, type_, id_)] = id_
        return result

    def __enter__(self) -> FakeKibana:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def fake_kibana() -> Iterator[FakeKibana]:
    with FakeKibana() as fake:
        yield fake


def test_import_sends_multipart_file_with_xsrf_header(fake_kibana, objects):
    result = kibana.import_objects(fake_kibana.url, NDJSON, username="elastic", password="s3cret")
    assert result["success"] is True and result["successCount"] == len(objects)
    (req,) = fake_kibana.requests
    assert req["path"] == "/api/saved_objects/_import"
    assert req["query"] == {"overwrite": ["true"]}
    assert req["headers"]["kbn-xsrf"] == "true"
    assert req["headers"]["Authorization"].startswith("Basic ")
    part = req["parts"]["file"]
    assert part.get_filename() == "rasd.ndjson"
    assert part.get_payload(decode=True) == NDJSON.read_bytes()


def test_import_into_a_space(fake_kibana):
    kibana.import_objects(fake_kibana.url + "/", NDJSON, space="analysts")
    assert fake_kibana.requests[0]["path"] == "/s/analysts/api/saved_objects/_import"
    assert "Authorization" not in fake_kibana.requests[0]["headers"]


def test_import_reports_object_errors(fake_kibana):
    fake_kibana.mode = "errors"
    with pytest.raises(kibana.KibanaError) as info:
        kibana.import_objects(fake_kibana.url, NDJSON)
    message = str(info.value)
    assert "reported 1 errors" in message
    assert "lens rasd-lens-top-orgs (Rasd: top organisations): missing_references → index-pattern rasd-articles" \
        in message
    assert info.value.errors[0]["id"] == "rasd-lens-top-orgs"


def test_import_reports_http_errors(fake_kibana):
    fake_kibana.mode = "unauthorized"
    with pytest.raises(kibana.KibanaError, match="HTTP 401"):
        kibana.import_objects(fake_kibana.url, NDJSON)


def test_import_reports_unreachable_kibana(tmp_path):
    with FakeKibana() as fake:
        url = fake.url
    with pytest.raises(kibana.KibanaError, match="cannot reach Kibana"):
        kibana.import_objects(url, NDJSON, timeout=2)


def test_cli_import(fake_kibana, monkeypatch):
    from typer.testing import CliRunner

    from pipeline.cli import app

    monkeypatch.setenv("KIBANA_USERNAME", "elastic")
    monkeypatch.setenv("KIBANA_PASSWORD", "s3cret")
    result = CliRunner().invoke(app, ["kibana", "import", "--url", fake_kibana.url])
    assert result.exit_code == 0, result.output
    assert "imported" in result.output and "rasd-dashboard-news" in result.output
    assert fake_kibana.requests[0]["headers"]["Authorization"].startswith("Basic ")

    fake_kibana.mode = "errors"
    result = CliRunner().invoke(app, ["kibana", "import", "--url", fake_kibana.url, "--file", str(NDJSON)])
    assert result.exit_code == 1
    assert "missing_references" in result.output


def test_analyst_searches_name_canonical_tags(by_id):
    """The per-need searches (issue 20) filter on tag values the tagger writes: canonical gazetteer names."""
    canonical = {kind: {e["ar"] for e in yaml.safe_load((DATA_DIR / "gazetteer" / f"{kind}.yaml").read_text(
        encoding="utf-8"))} for kind in ("persons", "places", "orgs")}
    ids = ["rasd-search-clashes-tripoli", "rasd-search-by-place", "rasd-search-central-bank", "rasd-search-oil-noc",
           "rasd-search-un-mission", "rasd-search-migration", "rasd-search-humanitarian-rights",
           "rasd-search-widely-reported"]
    values = 0
    for id_ in ids:
        source = search_source(by_id["search", id_])
        for kind, value in re.findall(r'(persons|places|orgs):"([^"]+)"', source["query"]["query"]):
            assert value in canonical[kind], (id_, value)
            values += 1
        for flt in source["filter"]:
            assert flt["meta"]["params"]["query"] in canonical[flt["meta"]["key"]], id_
            values += 1
        assert by_id["search", id_]["attributes"]["sort"] == [["event_time", "desc"]]
    assert values >= 5


def test_import_into_a_second_space_reports_destination_ids(fake_kibana, objects):
    """Kibana cannot run on this machine: the stand-in answers in the documented _import format.
    Importing into the default space, then into "analysts": every object exists already in another
    space, so Kibana gives each a new id there (destinationId); importing again into "analysts"
    overwrites those copies (same destinationIds): nothing is duplicated."""
    first = kibana.import_objects(fake_kibana.url, NDJSON)
    assert kibana.moved_objects(first) == []
    second = kibana.import_objects(fake_kibana.url, NDJSON, space="analysts")
    moved = kibana.moved_objects(second)
    assert {(m["type"], m["id"]) for m in moved} == {(o["type"], o["id"]) for o in objects}
    assert all(m["destinationId"] != m["id"] for m in moved)
    again = kibana.import_objects(fake_kibana.url, NDJSON, space="analysts")
    assert {m["id"]: m["destinationId"] for m in kibana.moved_objects(again)} == \
        {m["id"]: m["destinationId"] for m in moved}
    assert len(fake_kibana.store) == 2 * len(objects)


def test_cli_import_prints_destination_ids(fake_kibana, objects):
    from typer.testing import CliRunner

    from pipeline.cli import app

    runner = CliRunner()
    assert runner.invoke(app, ["kibana", "import", "--url", fake_kibana.url]).exit_code == 0
    result = runner.invoke(app, ["kibana", "import", "--url", fake_kibana.url, "--space", "analysts", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    dest = {r["id"]: r["destinationId"] for r in body["successResults"]}
    assert set(dest) == {o["id"] for o in objects}
    assert f"{len(objects)} objects already exist in another space" in result.stderr
    assert f"index-pattern rasd-articles → {dest['rasd-articles']}" in result.stderr
    table = runner.invoke(app, ["kibana", "import", "--url", fake_kibana.url, "--space", "analysts"],
                          env={"COLUMNS": "200"})
    assert table.exit_code == 0 and dest["rasd-dashboard-news"] in table.stdout
