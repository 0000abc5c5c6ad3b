"""Generate ``kibana/rasd.ndjson``: Rasd's Kibana 8.19 saved objects.

The NDJSON file is what ``rasd kibana import`` sends to Kibana; this script is
its source. Lens and dashboard objects are verbose and full of cross-links
(layer ids, column ids, reference names), so they are built here from small
helpers instead of being edited by hand::

    python kibana/generate.py           # rewrite kibana/rasd.ndjson
    python kibana/generate.py --check   # exit 1 if the file is out of date

``tests/test_kibana.py`` fails when the committed file differs from this
script's output, and checks every reference and every field used against the
index templates in ``pipeline/data/index/``.

Shapes follow Kibana 8.19 exports: Lens ``formBased`` datasource with
``indexpattern-datasource-layer-<layerId>`` references, dashboards with
``panelRefName`` ``panel_<i>`` and references named ``<i>:panel_<i>``.
``typeMigrationVersion`` is the newest migration of each type in 8.x, so Kibana
does not run the pre-8.6 Lens migrations (which expect the old ``indexpattern``
datasource) on these objects.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "rasd.ndjson"
TOPICS = REPO / "pipeline" / "data" / "topics.yaml"

CORE_MIGRATION = "8.8.0"
TYPE_MIGRATION = {
    "index-pattern": "8.0.0",
    "search": "8.0.0",
    "lens": "8.9.0",
    "dashboard": "8.9.0",
}
PANEL_VERSION = "8.19.0"

ARTICLES = "rasd-articles"  # data view id = read alias; pipeline.airflow_support links to it
RUNS = "rasd-runs"
FEEDS = "rasd-feeds"
RETRIES = "rasd-retries"
TRENDS = "rasd-trends"  # rising stories and terms, one row per ranked item (pipeline/trends.py)
NAMES = "rasd-names"  # name discovery: candidates and decisions (pipeline/name_suggestions.py)
SOURCES = "rasd-sources"
SUGGESTIONS = "rasd-suggestions"
ALERTS = "rasd-alerts"

ARTICLE_COLUMNS = ["title", "source_name", "published_at", "persons", "places", "topics"]
# The articles' time field: published_at when the publisher gave a date, else when Rasd first saw
# the article (time_basis says which); articles without a date would be invisible under published_at.
ARTICLE_TIME = "event_time"
EXAMPLE_PERSON = "عبد الحميد الدبيبة"  # canonical name (gazetteer ``ar``) of the by-person search

Obj = dict[str, Any]


def dumps(value: Any) -> str:
    """JSON text as Kibana stores it in string attributes (compact, UTF-8)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def saved_object(type_: str, id_: str, attributes: Obj, references: list[Obj]) -> Obj:
    return {
        "type": type_,
        "id": id_,
        "attributes": attributes,
        "references": references,
        "managed": False,
        "coreMigrationVersion": CORE_MIGRATION,
        "typeMigrationVersion": TYPE_MIGRATION[type_],
    }


def ref(name: str, type_: str, id_: str) -> Obj:
    return {"name": name, "type": type_, "id": id_}


# -- data views ---------------------------------------------------------------------------------
def topic_names() -> list[tuple[str, str]]:
    topics = yaml.safe_load(TOPICS.read_text(encoding="utf-8"))
    return [(t["id"], t["ar"]) for t in topics]


# Keys of the run record (pipeline/ingest.py ``summarize``) that the health dashboard charts.
RUN_COUNTS = ["feeds_polled", "feeds_failed", "articles_new", "indexed", "fetch_failed", "fetch_retry_scheduled",
              "fetch_retried", "fetch_gave_up", "sources_polled", "sources_on_fallback"]
# Error kinds that reach ``errors_by_kind`` (``RasdError.kind`` of feed polls and article
# fetches, plus the per-article kinds of pipeline/ingest.py). tests/test_kibana.py fails when
# the code defines a kind that is not listed here.
ERROR_KINDS = [
    "timeout", "connect", "dns", "tls", "http_429", "http_4xx", "http_5xx", "forbidden", "blocked_challenge",
    "too_large", "too_many_redirects", "redirect_loop", "blocked_address", "bad_scheme", "robots_disallowed",
    "robots_unavailable", "bad_encoding", "fetch",
    "bad_feed", "bad_input", "no_text", "index", "archive_missing", "error",
]

# Runtime fields of the runs data view, without scripts: Elasticsearch reads each from the
# run record's _source under the same name. ``counts.*`` and ``errors_by_kind.*`` are dynamic
# sub-fields that enter the mapping only once a run writes them (``counts.fetch_failed`` with the
# first failed fetch); a Lens chart on a field missing from the data view shows an error instead
# of an empty series. Declared here, they exist in the data view from the start.
RUN_RUNTIME_FIELDS: dict[str, Obj] = {
    **{f"counts.{key}": {"type": "long"} for key in RUN_COUNTS},
    **{f"errors_by_kind.{kind}": {"type": "long"} for kind in ERROR_KINDS},
}


def data_view(
    id_: str,
    name: str,
    time_field: str,
    *,
    formats: Obj | None = None,
    runtime: Obj | None = None,
    source_filters: list[str] | None = None,
) -> Obj:
    return saved_object(
        "index-pattern",
        id_,
        {
            "title": id_,
            "name": name,
            "timeFieldName": time_field,
            "fields": "[]",
            "fieldAttrs": "{}",
            "fieldFormatMap": dumps(formats or {}),
            "runtimeFieldMap": dumps(runtime or {}),
            "sourceFilters": dumps([{"value": v} for v in source_filters or []]),
            "typeMeta": "{}",
            "allowNoIndex": True,
        },
        [],
    )


def data_views() -> list[Obj]:
    url = {"id": "url", "params": {}}
    topics = {
        "id": "static_lookup",
        "params": {
            "lookupEntries": [{"key": tid, "value": ar} for tid, ar in topic_names()],
            "unknownKeyValue": None,
        },
    }
    return [
        data_view(
            ARTICLES, "Rasd articles", ARTICLE_TIME,
            formats={"url": url, "canonical_url": url, "final_url": url, "topics": topics},
            source_filters=["minhash_*"],
        ),
        data_view(RUNS, "Rasd runs", "started_at", runtime=RUN_RUNTIME_FIELDS),
        data_view(FEEDS, "Rasd feeds", "last_polled", formats={"feed_url": url}),
        data_view(RETRIES, "Rasd fetch retries", "last_failed_at", formats={"url": url}),
        data_view(TRENDS, "Rasd rising stories and terms", "window_start", formats={"url": url}),
        data_view(NAMES, "Rasd name suggestions", "last_seen", source_filters=["days"]),
        data_view(SOURCES, "Rasd sources", "updated_at", formats={"way_url": url, "primary_url": url}),
        data_view(SUGGESTIONS, "Rasd feed suggestions", "found_at", formats={"url": url}),
        data_view(ALERTS, "Rasd alerts", "created_at", formats={"url": url}),
    ]


# -- saved searches -----------------------------------------------------------------------------
def phrase_filter(field: str, value: str, index: int) -> Obj:
    return {
        "meta": {
            "alias": None,
            "negate": False,
            "disabled": False,
            "type": "phrase",
            "key": field,
            "params": {"query": value},
            "indexRefName": f"kibanaSavedObjectMeta.searchSourceJSON.filter[{index}].meta.index",
        },
        "query": {"match_phrase": {field: value}},
        "$state": {"store": "appState"},
    }


def saved_search(
    id_: str,
    title: str,
    description: str,
    data_view_id: str,
    query: str,
    columns: list[str],
    sort: list[list[str]],
    *,
    filters: list[Obj] | None = None,
) -> Obj:
    filters = filters or []
    source = {
        "query": {"query": query, "language": "kuery"},
        "filter": filters,
        "highlightAll": True,
        "version": True,
        "indexRefName": "kibanaSavedObjectMeta.searchSourceJSON.index",
    }
    refs = [ref("kibanaSavedObjectMeta.searchSourceJSON.index", "index-pattern", data_view_id)]
    refs += [ref(f["meta"]["indexRefName"], "index-pattern", data_view_id) for f in filters]
    return saved_object(
        "search",
        id_,
        {
            "title": title,
            "description": description,
            "columns": columns,
            "sort": sort,
            "grid": {},
            "hideChart": False,
            "isTextBasedQuery": False,
            "usesAdHocDataView": False,
            "timeRestore": False,
            "kibanaSavedObjectMeta": {"searchSourceJSON": dumps(source)},
        },
        refs,
    )


NEWEST = [[ARTICLE_TIME, "desc"]]
ONE_PER_STORY = "is_cluster_lead:true"
ONE_PER_STORY_NOTE = " One row per story (the cluster lead); delete `is_cluster_lead:true` to see every copy."


def saved_searches() -> list[Obj]:
    return [
        saved_search(
            "rasd-search-latest", "Rasd: latest Libya news",
            "Newest Libya-related articles first." + ONE_PER_STORY_NOTE,
            ARTICLES, ONE_PER_STORY, ARTICLE_COLUMNS, NEWEST,
        ),
        saved_search(
            "rasd-search-security", "Rasd: security and terrorism",
            "Topics security (armed clashes) and terrorism." + ONE_PER_STORY_NOTE,
            ARTICLES, f"topics:(security or terrorism) and {ONE_PER_STORY}", ARTICLE_COLUMNS, NEWEST,
        ),
        saved_search(
            "rasd-search-oil-energy", "Rasd: oil and energy",
            "Topic oil_energy." + ONE_PER_STORY_NOTE,
            ARTICLES, f"topics:oil_energy and {ONE_PER_STORY}", ARTICLE_COLUMNS, NEWEST,
        ),
        saved_search(
            "rasd-search-politics-elections", "Rasd: politics and elections",
            "Topic politics_elections." + ONE_PER_STORY_NOTE,
            ARTICLES, f"topics:politics_elections and {ONE_PER_STORY}", ARTICLE_COLUMNS, NEWEST,
        ),
        saved_search(
            "rasd-search-by-person", "Rasd: articles by person",
            "Articles naming one person. Edit the `persons` filter pill to pick another person "
            "(canonical Arabic name as in the gazetteer), or query `persons.norm:<any spelling>`. Every copy "
            "is listed, so the sources that reported it show up.",
            ARTICLES, "", ["title", "persons", "source_name", "published_at", "places", "topics"], NEWEST,
            filters=[phrase_filter("persons", EXAMPLE_PERSON, 0)],
        ),
        *analyst_searches(),
        saved_search(
            "rasd-search-runs-recent", "Rasd: recent runs",
            "One row per ingest/backfill run, newest first: what was polled, found, indexed and what failed.",
            RUNS, "not kind:task_failure",
            ["kind", "state", "counts.feeds_polled", "counts.feeds_failed", "counts.articles_new", "counts.indexed",
             "counts.fetch_failed", "dag_id"],
            [["started_at", "desc"]],
        ),
        saved_search(
            "rasd-search-runs-failed", "Rasd: failed runs and tasks",
            "Runs not ending in success and Airflow task failures recorded by the listener.",
            RUNS, "kind:task_failure or not state:success",
            ["dag_id", "task_id", "run_id", "state", "error"],
            [["started_at", "desc"]],
        ),
        saved_search(
            "rasd-search-feeds-failing", "Rasd: failing and disabled feeds",
            "Feeds whose failure score crossed the failing threshold, and feeds disabled after repeated failures.",
            FEEDS, "status:(failing or disabled)",
            ["source_id", "feed_url", "status", "failure_score", "consecutive_failures", "last_error_kind",
             "last_error", "last_success"],
            [["failure_score", "desc"]],
        ),
        saved_search(
            "rasd-search-names-pending", "Rasd: pending name suggestions",
            "Persons, organizations and places the gazetteers do not know yet, found after titles and roles "
            "(الرئيس، وزير، اللواء، كتيبة، مدينة …), best first: score = stories × outlets × growth "
            "(pipeline/name_suggestions.py). "
            "Decide with `rasd gazetteer accept NAME` (into the gazetteer data files) or `rasd gazetteer reject "
            "NAME` (never suggested again); contexts.text shows where each was seen.",
            NAMES, "status:pending",
            ["display", "kind", "score", "stories", "outlets_count", "growth", "first_seen", "variants",
             "contexts.text"],
            [["score", "desc"]],
        ),
        saved_search(
            "rasd-search-sources-not-ok", "Rasd: sources not on their primary way",
            "Sources on a fallback way (yellow), down, never succeeded or silent (red): no articles are coming "
            "from the red ones. reason says why; `rasd feeds status` shows the same, `rasd feeds discover ID` "
            "looks for new ways in.",
            SOURCES, "not state:primary",
            ["source_id", "state", "way_kind", "way", "reason", "last_new_item", "primary_error_kind"],
            [["severity", "desc"]],
        ),
        saved_search(
            "rasd-search-suggestions", "Rasd: feed suggestions",
            "Ways in found by the weekly libya_news_sources_check DAG for sources that are down, silent or on "
            "a fallback, best first (rank); in_registry:false rows are new. `rasd feeds suggestions` prints "
            "the registry lines to paste into pipeline/data/sources.yaml.",
            SUGGESTIONS, "rank >= 1",
            ["source_id", "rank", "status", "kind", "in_registry", "url", "via", "newest_entry"],
            [["found_at", "desc"]],
        ),
        saved_search(
            "rasd-search-fetch-retries", "Rasd: pages waiting for a retry, and given up",
            "Article pages that failed for a reason that may pass (timeout, 5xx, 429, robots.txt unreachable): "
            "later runs fetch them again with back-off; `gave_up:true` rows ran out of attempts.",
            RETRIES, "",
            ["url", "source_id", "kind", "attempts", "next_attempt_at", "gave_up", "error"],
            [["last_failed_at", "desc"]],
        ),
        saved_search(
            "rasd-search-alerts", "Rasd: alerts",
            "Every alert of the watchlists (rasd-alerts), newest first: one row per story, step (0 = new story, "
            "1… = follow-ups as it spreads) and channel, with its delivery status.",
            ALERTS, "",
            ["watchlist", "title", "source_name", "step", "outlets_count", "channel", "status", "sent_at"],
            [["created_at", "desc"]],
        ),
        saved_search(
            "rasd-search-alerts-failed", "Rasd: alerts not delivered",
            "Alerts whose delivery failed (given up: `rasd alerts retry` after a fix) or waits for a retry, "
            "with the last error.",
            ALERTS, "status:(failed or retrying)",
            ["watchlist", "title", "channel", "status", "attempts", "next_attempt_at", "last_error_kind", "last_error"],
            [["created_at", "desc"]],
        ),
    ]


# The analyst needs behind rasd search's news queries (bench/search_news.py), one saved search each,
# on the fields rasd search ranks with (tags by canonical name, topics, stories by cluster), newest
# story first. Kibana's free-text bar still searches title, body and summary through rasd_arabic.
EXAMPLE_PLACE = "طرابلس"
CBL = "مصرف ليبيا المركزي"
NOC = "المؤسسة الوطنية للنفط"
UNSMIL = "بعثة الأمم المتحدة للدعم في ليبيا"


def analyst_searches() -> list[Obj]:
    tagged = ["title", "source_name", "persons", "places", "orgs", "topics"]
    return [
        saved_search(
            "rasd-search-clashes-tripoli", "Rasd: armed clashes in Tripoli",
            "Security stories tagged with the place طرابلس, one row per story. Edit the `places` filter pill "
            "for another city (canonical Arabic name, e.g. بنغازي, سرت, مصراتة)." + ONE_PER_STORY_NOTE,
            ARTICLES, f"topics:(security or terrorism) and {ONE_PER_STORY}", tagged, NEWEST,
            filters=[phrase_filter("places", EXAMPLE_PLACE, 0)],
        ),
        saved_search(
            "rasd-search-by-place", "Rasd: articles by place",
            "Articles naming one place (every copy, so the outlets that reported it show up). Edit the "
            "`places` filter pill, or query `places.norm:<any spelling>`.",
            ARTICLES, "", tagged, NEWEST, filters=[phrase_filter("places", EXAMPLE_PLACE, 0)],
        ),
        saved_search(
            "rasd-search-central-bank", "Rasd: Central Bank, banking and the economy",
            "The Central Bank of Libya (tag) or the economy and banking topic." + ONE_PER_STORY_NOTE,
            ARTICLES, f'(orgs:"{CBL}" or topics:economy_banking) and {ONE_PER_STORY}', tagged, NEWEST,
        ),
        saved_search(
            "rasd-search-oil-noc", "Rasd: National Oil Corporation and oilfields",
            "The NOC (tag) or oil and energy stories naming a Libyan place." + ONE_PER_STORY_NOTE,
            ARTICLES, f'(orgs:"{NOC}" or (topics:oil_energy and places:*)) and {ONE_PER_STORY}', tagged, NEWEST,
        ),
        saved_search(
            "rasd-search-un-mission", "Rasd: UN mission and diplomacy",
            "UNSMIL (tag) or diplomacy stories: envoys, talks, sanctions." + ONE_PER_STORY_NOTE,
            ARTICLES, f'(orgs:"{UNSMIL}" or topics:diplomacy) and {ONE_PER_STORY}', tagged, NEWEST,
        ),
        saved_search(
            "rasd-search-migration", "Rasd: migration and the coast",
            "Topic migration: departures, interceptions, detention." + ONE_PER_STORY_NOTE,
            ARTICLES, f"topics:migration and {ONE_PER_STORY}", tagged, NEWEST,
        ),
        saved_search(
            "rasd-search-humanitarian-rights", "Rasd: humanitarian, health and human rights",
            "Topics humanitarian_health and justice_human_rights." + ONE_PER_STORY_NOTE,
            ARTICLES, f"topics:(humanitarian_health or justice_human_rights) and {ONE_PER_STORY}", tagged, NEWEST,
        ),
        saved_search(
            "rasd-search-widely-reported", "Rasd: stories many outlets carried",
            "Stories with three or more copies (cluster_size ≥ 3), one row per story: what the press as a whole "
            "is covering.", ARTICLES, f"cluster_size >= 3 and {ONE_PER_STORY}",
            ["title", "source_name", "cluster_size", "persons", "places", "topics"], NEWEST,
        ),
    ]


# -- Lens columns -------------------------------------------------------------------------------
def c_count(label: str = "Count of records", *, kql: str | None = None, empty_as_null: bool = True) -> Obj:
    col: Obj = {
        "label": label,
        "customLabel": label != "Count of records",
        "dataType": "number",
        "operationType": "count",
        "isBucketed": False,
        "scale": "ratio",
        "sourceField": "___records___",
        "params": {"emptyAsNull": empty_as_null},
    }
    if kql is not None:
        col["filter"] = {"query": kql, "language": "kuery"}
    return col


def c_date(field: str, interval: str = "auto") -> Obj:
    return {
        "label": field,
        "dataType": "date",
        "operationType": "date_histogram",
        "sourceField": field,
        "isBucketed": True,
        "scale": "interval",
        "params": {"interval": interval, "includeEmptyRows": True, "dropPartials": False},
    }


def c_terms(
    field: str,
    size: int,
    *,
    order_by: str | None,
    label: str | None = None,
    other: bool = False,
    data_type: str = "string",
) -> Obj:
    order: Obj = {"type": "column", "columnId": order_by} if order_by else {"type": "alphabetical", "fallback": False}
    return {
        "label": label or f"Top {size} values of {field}",
        "customLabel": label is not None,
        "dataType": data_type,
        "operationType": "terms",
        "sourceField": field,
        "isBucketed": True,
        "scale": "ordinal",
        "params": {
            "size": size,
            "orderBy": order,
            "orderDirection": "desc" if order_by else "asc",
            "otherBucket": other,
            "missingBucket": False,
            "parentFormat": {"id": "terms"},
            "include": [],
            "exclude": [],
            "includeIsRegex": False,
            "excludeIsRegex": False,
        },
    }


def c_metric(op: str, field: str, label: str, *, decimals: int | None = None) -> Obj:
    params: Obj = {"emptyAsNull": True}
    if decimals is not None:
        params["format"] = {"id": "number", "params": {"decimals": decimals}}
    return {
        "label": label,
        "customLabel": True,
        "dataType": "number",
        "operationType": op,
        "sourceField": field,
        "isBucketed": False,
        "scale": "ratio",
        "params": params,
    }


def c_last_value(field: str, label: str, sort_field: str, data_type: str = "string") -> Obj:
    return {
        "label": label,
        "customLabel": True,
        "dataType": data_type,
        "operationType": "last_value",
        "sourceField": field,
        "isBucketed": False,
        "scale": "ordinal" if data_type == "string" else "ratio",
        "filter": {"query": f"{field}: *", "language": "kuery"},
        "params": {"sortField": sort_field, "showArrayValues": False},
    }


def formula_ratio(col_id: str, label: str, numerator_kql: str) -> dict[str, Obj]:
    """``count(kql='…') / count()`` as Lens stores a formula: the visible formula column and its
    hidden parts (``<id>X0``, ``<id>X1``: the counts, ``<id>X2``: the math node)."""
    formula = f"count(kql='{numerator_kql}') / count()"
    part = f"Part of {label}"
    x0, x1, x2 = f"{col_id}X0", f"{col_id}X1", f"{col_id}X2"
    return {
        x0: c_count(part, kql=numerator_kql, empty_as_null=False) | {"customLabel": True},
        x1: c_count(part, empty_as_null=False) | {"customLabel": True},
        x2: {
            "label": part,
            "customLabel": True,
            "dataType": "number",
            "operationType": "math",
            "isBucketed": False,
            "scale": "ratio",
            "params": {
                "tinymathAst": {
                    "type": "function",
                    "name": "divide",
                    "args": [x0, x1],
                    "location": {"min": 0, "max": len(formula)},
                    "text": formula,
                }
            },
            "references": [x0, x1],
        },
        col_id: {
            "label": label,
            "customLabel": True,
            "dataType": "number",
            "operationType": "formula",
            "isBucketed": False,
            "scale": "ratio",
            "params": {
                "formula": formula,
                "isFormulaBroken": False,
                "format": {"id": "percent", "params": {"decimals": 1}},
            },
            "references": [x2],
        },
    }


# -- Lens visualizations ------------------------------------------------------------------------
def lens(
    id_: str,
    title: str,
    description: str,
    vis_type: str,
    data_view_id: str,
    layer_id: str,
    columns: dict[str, Obj],
    column_order: list[str],
    visualization: Obj,
    *,
    query: str = "",
) -> Obj:
    """One Lens object with a single formBased layer on ``data_view_id``."""
    state = {
        "visualization": visualization,
        "query": {"query": query, "language": "kuery"},
        "filters": [],
        "datasourceStates": {
            "formBased": {
                "layers": {
                    layer_id: {"columns": columns, "columnOrder": column_order, "incompleteColumns": {}},
                }
            },
            "textBased": {"layers": {}},
        },
        "internalReferences": [],
        "adHocDataViews": {},
    }
    return saved_object(
        "lens",
        id_,
        {"title": title, "description": description, "visualizationType": vis_type, "state": state},
        [ref(f"indexpattern-datasource-layer-{layer_id}", "index-pattern", data_view_id)],
    )


AXES_ON = {"x": True, "yLeft": True, "yRight": True}


def xy_state(layers: list[Obj], series: str, *, legend: str = "right", x_title: bool = True) -> Obj:
    return {
        "legend": {"isVisible": True, "position": legend, "legendSize": "auto"},
        "valueLabels": "hide",
        "fittingFunction": "None",
        "axisTitlesVisibilitySettings": {"x": x_title, "yLeft": True, "yRight": True},
        "tickLabelsVisibilitySettings": AXES_ON,
        "gridlinesVisibilitySettings": AXES_ON,
        "labelsOrientation": {"x": 0, "yLeft": 0, "yRight": 0},
        "yLeftExtent": {"mode": "full"},
        "yRightExtent": {"mode": "full"},
        "preferredSeriesType": series,
        "layers": layers,
    }


def xy_layer(layer_id: str, series: str, x: str, accessors: list[str], split: str | None = None) -> Obj:
    layer: Obj = {
        "layerId": layer_id,
        "layerType": "data",
        "seriesType": series,
        "xAccessor": x,
        "accessors": accessors,
        "position": "top",
        "showGridlines": False,
    }
    if split:
        layer["splitAccessor"] = split
    return layer


def lens_over_time(
    id_: str, title: str, description: str, data_view_id: str, time_field: str, interval: str,
    metrics: dict[str, Obj], *, split: Obj | None = None, series: str = "bar_stacked",
) -> Obj:
    layer = f"layer-{id_.removeprefix('rasd-lens-')}"
    columns: dict[str, Obj] = {}
    order: list[str] = []
    if split is not None:
        columns["split"] = split
        order.append("split")
    columns["date"] = c_date(time_field, interval)
    order.append("date")
    columns.update(metrics)
    order += list(metrics)
    vis = xy_state([xy_layer(layer, series, "date", list(metrics), "split" if split else None)], series)
    return lens(id_, title, description, "lnsXY", data_view_id, layer, columns, order, vis)


def lens_top(id_: str, title: str, description: str, field: str, size: int = 15) -> Obj:
    """Horizontal bars: the ``size`` most frequent values of a tag field."""
    layer = f"layer-{id_.removeprefix('rasd-lens-')}"
    columns = {"value": c_terms(field, size, order_by="count", label=field), "count": c_count("Articles")}
    vis = xy_state([xy_layer(layer, "bar_horizontal", "value", ["count"])], "bar_horizontal", x_title=False)
    vis["legend"]["isVisible"] = False
    vis["valueLabels"] = "show"
    return lens(id_, title, description, "lnsXY", ARTICLES, layer, columns, ["value", "count"], vis)


def lens_donut(id_: str, title: str, description: str, data_view_id: str, field: str, label: str,
               *, data_type: str = "string", metric_label: str = "Count") -> Obj:
    layer = f"layer-{id_.removeprefix('rasd-lens-')}"
    columns = {
        "group": c_terms(field, 10, order_by="count", label=label, data_type=data_type),
        "count": c_count(metric_label),
    }
    vis = {
        "shape": "donut",
        "layers": [{
            "layerId": layer,
            "layerType": "data",
            "primaryGroups": ["group"],
            "metrics": ["count"],
            "numberDisplay": "value",
            "categoryDisplay": "default",
            "legendDisplay": "show",
            "nestedLegend": False,
            "legendPosition": "right",
        }],
    }
    return lens(id_, title, description, "lnsPie", data_view_id, layer, columns, ["group", "count"], vis)


def news_lenses() -> list[Obj]:
    articles_per_source = lens_over_time(
        "rasd-lens-articles-per-source", "Rasd: articles per source per day",
        "Indexed articles per day (event_time: the publication date, else when first seen), stacked by "
        "source; every copy counts.",
        ARTICLES, ARTICLE_TIME, "1d", {"count": c_count("Articles")},
        split=c_terms("source_name", 10, order_by="count", label="Source", other=True),
    )
    topics_over_time = lens_over_time(
        "rasd-lens-topics-over-time", "Rasd: topics over time",
        "Stories per topic over time (cluster leads only, so a story copied by ten outlets counts once). "
        "An article can carry several topics.",
        ARTICLES, ARTICLE_TIME, "auto", {"count": c_count("Stories")},
        split=c_terms("topics", 12, order_by="count", label="Topic"),
        series="bar_stacked",
    )
    topics_over_time["attributes"]["state"]["query"]["query"] = ONE_PER_STORY

    counts_layer = "layer-article-counts"
    counts = lens(
        "rasd-lens-article-counts", "Rasd: articles and stories",
        "Articles indexed in the time range, and distinct stories (clusters of copies).",
        "lnsMetric", ARTICLES, counts_layer,
        {
            "articles": c_count("Articles"),
            "stories": {
                "label": "Stories", "customLabel": True, "dataType": "number", "operationType": "unique_count",
                "sourceField": "cluster_id", "isBucketed": False, "scale": "ratio", "params": {"emptyAsNull": False},
            },
        },
        ["articles", "stories"],
        {"layerId": counts_layer, "layerType": "data", "metricAccessor": "articles",
         "secondaryMetricAccessor": "stories"},
    )

    ratio_layer = "layer-duplicate-ratio"
    ratio_cols = formula_ratio("ratio", "Duplicate ratio", "is_cluster_lead: false")
    duplicate_ratio = lens(
        "rasd-lens-duplicate-ratio", "Rasd: duplicate ratio",
        "Share of indexed articles that are copies (exact or near duplicates) of a story already indexed: "
        "count(is_cluster_lead:false) / count().",
        "lnsMetric", ARTICLES, ratio_layer, ratio_cols, list(ratio_cols),
        {"layerId": ratio_layer, "layerType": "data", "metricAccessor": "ratio"},
    )
    leads_vs_copies = lens_donut(
        "rasd-lens-leads-vs-copies", "Rasd: story leads vs. copies",
        "is_cluster_lead: true = first article of a story, false = a copy of it (exact or near duplicate).",
        ARTICLES, "is_cluster_lead", "Cluster lead", data_type="boolean", metric_label="Articles",
    )
    return [
        counts,
        duplicate_ratio,
        leads_vs_copies,
        articles_per_source,
        topics_over_time,
        lens_top("rasd-lens-top-persons", "Rasd: top persons", "Most mentioned persons (canonical names).",
                 "persons"),
        lens_top("rasd-lens-top-places", "Rasd: top places", "Most mentioned places (canonical names).",
                 "places"),
        lens_top("rasd-lens-top-orgs", "Rasd: top organisations", "Most mentioned organisations.", "orgs"),
    ]


def lens_table(id_: str, title: str, description: str, data_view_id: str, columns: dict[str, Obj],
               sort_by: str, *, query: str = "") -> Obj:
    """A data table, one row per bucket of its first column, sorted by ``sort_by``."""
    layer = f"layer-{id_.removeprefix('rasd-lens-')}"
    vis = {
        "layerId": layer,
        "layerType": "data",
        "columns": [{"columnId": c, "isTransposed": False} for c in columns],
        "sorting": {"columnId": sort_by, "direction": "desc"},
        "rowHeight": "single",
        "rowHeightLines": 1,
    }
    return lens(id_, title, description, "lnsDatatable", data_view_id, layer, columns, list(columns), vis,
                query=query)


def trends_lenses() -> list[Obj]:
    """What is new (rows of rasd-trends, written with the daily digest)."""
    stories = lens_table(
        "rasd-lens-rising-stories", "Rasd: rising stories",
        "Stories (clusters of copies) that gained the most outlets on the days of the time range: outlets whose "
        "first copy Rasd saw (fetched_at) that day, outlets in all, first seen; label = the lead's title. "
        "`rasd trends stories --since 6h` for the last hours.",
        TRENDS,
        {
            "label": c_terms("label", 20, order_by="gained", label="Story (lead's title)"),
            "gained": c_metric("max", "outlets_gained", "Outlets gained", decimals=0),
            "total": c_metric("max", "outlets_total", "Outlets", decimals=0),
            "first_seen": c_metric("min", "first_seen", "First seen"),
        },
        "gained", query="kind:story and window:day",
    )
    stories["attributes"]["state"]["datasourceStates"]["formBased"]["layers"]["layer-rising-stories"]["columns"][
        "first_seen"]["dataType"] = "date"
    hourly = lens_table(
        "rasd-lens-rising-by-hour", "Rasd: rising stories by hour",
        "For each hour, the stories that gained the most outlets in that hour (fetched_at).",
        TRENDS,
        {
            "hour": c_date("window_start", "1h") | {"params": {"interval": "1h", "includeEmptyRows": False,
                                                               "dropPartials": False}},
            "label": c_terms("label", 3, order_by="gained", label="Story (lead's title)"),
            "gained": c_metric("max", "outlets_gained", "Outlets gained in the hour", decimals=0),
        },
        "hour", query="kind:story and window:hour",
    )
    terms = lens_table(
        "rasd-lens-rising-terms", "Rasd: rising terms",
        "Words and two/three-word phrases far more frequent on the days of the time range than in the 30 days "
        "before (JLH score over stories; stop words, days, months and boilerplate out). `rasd trends terms`.",
        TRENDS,
        {
            "term": c_terms("term", 30, order_by="score", label="Term"),
            "score": c_metric("max", "score", "Score", decimals=3),
            "docs": c_metric("max", "docs", "Stories", decimals=0),
            "outlets": c_metric("max", "outlets", "Outlets", decimals=0),
        },
        "score", query="kind:term",
    )
    return [stories, hourly, terms]


def health_lenses() -> list[Obj]:
    feeds_by_status = lens_donut(
        "rasd-lens-feeds-by-status", "Rasd: feeds by status",
        "Polled feeds by status: new, ok, failing (failure score over the threshold), disabled.",
        FEEDS, "status", "Status", metric_label="Feeds",
    )

    table_layer = "layer-feed-status"
    table_cols = {
        "source": c_terms("source_id", 200, order_by=None, label="Source"),
        "feed": c_terms("feed_url", 20, order_by=None, label="Feed"),
        "status": c_last_value("status", "Status", "last_polled"),
        "score": c_metric("max", "failure_score", "Failure score", decimals=2),
        "failures": c_metric("max", "consecutive_failures", "Consecutive failures", decimals=0),
        "last_success": c_last_value("last_success", "Last success", "last_polled", "date"),
        "error_kind": c_last_value("last_error_kind", "Last error kind", "last_polled"),
        "position": c_metric("min", "position", "Way (0 = primary)", decimals=0),
        "in_use": c_last_value("active", "In use", "last_polled"),
        "never": c_last_value("never_succeeded", "Never succeeded", "last_polled"),
    }
    feed_table = lens(
        "rasd-lens-feed-status", "Rasd: feed status",
        "One row per feed: status, failure score, last success and last error kind; worst first.",
        "lnsDatatable", FEEDS, table_layer, table_cols, list(table_cols),
        {
            "layerId": table_layer,
            "layerType": "data",
            "columns": [{"columnId": c, "isTransposed": False} for c in table_cols],
            "sorting": {"columnId": "score", "direction": "desc"},
            "rowHeight": "single",
            "rowHeightLines": 1,
        },
    )

    run_counts = lens_over_time(
        "rasd-lens-run-counts", "Rasd: run counts",
        "Sums over the run records (started_at): new entries found in feeds, articles indexed, article "
        "fetches failed, feed polls failed, fetch retries made and pages given up.",
        RUNS, "started_at", "auto",
        {
            "articles_new": c_metric("sum", "counts.articles_new", "New entries (counts.articles_new)"),
            "indexed": c_metric("sum", "counts.indexed", "Indexed (counts.indexed)"),
            "fetch_failed": c_metric("sum", "counts.fetch_failed", "Fetch failed (counts.fetch_failed)"),
            "feeds_failed": c_metric("sum", "counts.feeds_failed", "Feed polls failed (counts.feeds_failed)"),
            "fetch_retried": c_metric("sum", "counts.fetch_retried", "Fetch retries made (counts.fetch_retried)"),
            "fetch_gave_up": c_metric("sum", "counts.fetch_gave_up", "Pages given up (counts.fetch_gave_up)"),
        },
        series="line",
    )
    run_counts["attributes"]["state"]["query"]["query"] = "not kind:task_failure"

    run_errors = lens_over_time(
        "rasd-lens-run-errors", "Rasd: errors by kind",
        "Errors recorded by the runs (errors_by_kind.*), stacked by kind: feed polls and article fetches "
        "(timeout, dns, http_5xx …), unparsable feeds, pages without text, indexing failures.",
        RUNS, "started_at", "auto",
        {kind: c_metric("sum", f"errors_by_kind.{kind}", kind) for kind in ERROR_KINDS},
    )
    retries_by_state = lens_donut(
        "rasd-lens-retries-by-state", "Rasd: pages waiting for a fetch retry",
        "The fetch-retry queue (rasd-retries): pages still waiting (gave_up false) and pages given up "
        "after the last attempt (true). `rasd retries now` makes them due after an outage.",
        RETRIES, "gave_up", "Given up", data_type="boolean", metric_label="Pages",
    )
    alerts = lens_over_time(
        "rasd-lens-alerts-sent-failed", "Rasd: alerts sent / failed",
        "Alerts of the watchlists over time (created_at), stacked by delivery status: sent, failed (given up), "
        "retrying, pending, cancelled.",
        ALERTS, "created_at", "auto", {"count": c_count("Alerts")},
        split=c_terms("status", 6, order_by="count", label="Status"),
    )
    return [feeds_by_status, feed_table, run_counts, run_errors, retries_by_state, alerts, *source_lenses()]


# severity of a source (pipeline/routing.py): 0 primary or new, 1 fallback, 2 down / never / silent
GREEN, YELLOW, RED = "#209280", "#D6BF57", "#CC5642"


def severity_palette() -> Obj:
    """Lens "dynamic coloring" by value: 0 green, 1 yellow, 2 red (stops are upper bounds)."""
    return {
        "type": "palette", "name": "custom",
        "params": {
            "steps": 3, "name": "custom", "reverse": False, "rangeType": "number", "rangeMin": 0, "rangeMax": 3,
            "progression": "fixed", "continuity": "none", "maxSteps": 5,
            "stops": [{"color": GREEN, "stop": 1}, {"color": YELLOW, "stop": 2}, {"color": RED, "stop": 3}],
            "colorStops": [{"color": GREEN, "stop": 0}, {"color": YELLOW, "stop": 1}, {"color": RED, "stop": 2}],
        },
    }


def source_lenses() -> list[Obj]:
    """The sources' routes (rasd-sources, one document per source, rewritten by every ingest run)."""
    layer = "layer-sources"
    cols = {
        "source": c_terms("source_id", 200, order_by=None, label="Source"),
        "severity": c_metric("max", "severity", "Severity (2 = nothing coming in)", decimals=0),
        "state": c_last_value("state", "State", "updated_at"),
        "way": c_last_value("way_kind", "Way in use", "updated_at"),
        "last_new": c_last_value("last_new_item", "Last new item", "updated_at", "date"),
        "reason": c_last_value("reason.raw", "Why", "updated_at"),
    }
    columns = [{"columnId": c, "isTransposed": False} for c in cols]
    columns[1] |= {"colorMode": "cell", "palette": severity_palette(), "alignment": "center"}
    table = lens(
        "rasd-lens-sources", "Rasd: sources and the way in use",
        "One row per source of the registry, worst first: red (2) = down, never succeeded or silent (nothing "
        "is coming from it), yellow (1) = on a fallback way (its own feed fails; a sitemap or the Google News "
        "search is used), green (0) = its first way works.",
        "lnsDatatable", SOURCES, layer, cols, list(cols),
        {"layerId": layer, "layerType": "data", "columns": columns,
         "sorting": {"columnId": "severity", "direction": "desc"}, "rowHeight": "single", "rowHeightLines": 1},
    )
    red_layer = "layer-sources-red"
    red = lens(
        "rasd-lens-sources-red", "Rasd: sources with nothing coming in",
        "Sources that are down, never succeeded or silent (severity 2). Red when above zero.",
        "lnsMetric", SOURCES, red_layer, {"red": c_count("Sources down or silent", kql="severity >= 2",
                                                         empty_as_null=False)}, ["red"],
        {"layerId": red_layer, "layerType": "data", "metricAccessor": "red",
         "palette": {"type": "palette", "name": "custom", "params": {
             "steps": 2, "name": "custom", "reverse": False, "rangeType": "number", "rangeMin": 0, "rangeMax": None,
             "progression": "fixed", "continuity": "above", "maxSteps": 5,
             "stops": [{"color": GREEN, "stop": 1}, {"color": RED, "stop": 2}],
             "colorStops": [{"color": GREEN, "stop": 0}, {"color": RED, "stop": 1}]}}},
    )
    by_state = lens_donut(
        "rasd-lens-sources-by-state", "Rasd: sources by state",
        "primary (its first way works), fallback, new, down, never (succeeded), silent (no new item for "
        "silent_after_hours), disabled (in the registry).",
        SOURCES, "state", "State", metric_label="Sources",
    )
    return [red, by_state, table]


# -- dashboards ---------------------------------------------------------------------------------
Panel = tuple[str, str, int, int, int, int]  # (type, id, x, y, w, h)


def dashboard(
    id_: str, title: str, description: str, panels: list[Panel], *,
    time_from: str = "now-7d", panel_time: dict[str, Obj] | None = None,
) -> Obj:
    """Panels by reference: ``panelRefName`` ``panel_<i>`` and reference ``<i>:panel_<i>``.
    ``panel_time`` maps object ids to a panel-level time range."""
    panels_json = []
    refs = []
    for i, (type_, obj_id, x, y, w, h) in enumerate(panels):
        index = str(i)
        config: Obj = {"enhancements": {}}
        if panel_time and obj_id in panel_time:
            config["timeRange"] = panel_time[obj_id]
        panels_json.append({
            "version": PANEL_VERSION,
            "type": type_,
            "gridData": {"x": x, "y": y, "w": w, "h": h, "i": index},
            "panelIndex": index,
            "embeddableConfig": config,
            "panelRefName": f"panel_{index}",
        })
        refs.append(ref(f"{index}:panel_{index}", type_, obj_id))
    return saved_object(
        "dashboard",
        id_,
        {
            "title": title,
            "description": description,
            "panelsJSON": dumps(panels_json),
            "optionsJSON": dumps({"useMargins": True, "syncColors": False, "syncCursor": True,
                                  "syncTooltips": False, "hidePanelTitles": False}),
            "version": 1,
            "timeRestore": True,
            "timeFrom": time_from,
            "timeTo": "now",
            "refreshInterval": {"pause": True, "value": 60000},
            "kibanaSavedObjectMeta": {"searchSourceJSON": dumps({"query": {"query": "", "language": "kuery"},
                                                                 "filter": []})},
        },
        refs,
    )


def dashboards() -> list[Obj]:
    news = dashboard(
        "rasd-dashboard-news", "Rasd: Libya news",
        "What was indexed: volume per source, topics over time, who and where is mentioned, how much is "
        "duplicated, the latest stories, and what is new: rising stories and terms, names the gazetteers "
        "do not know yet.",
        [
            ("lens", "rasd-lens-article-counts", 0, 0, 12, 9),
            ("lens", "rasd-lens-duplicate-ratio", 12, 0, 12, 9),
            ("lens", "rasd-lens-leads-vs-copies", 24, 0, 24, 9),
            ("lens", "rasd-lens-articles-per-source", 0, 9, 48, 14),
            ("lens", "rasd-lens-topics-over-time", 0, 23, 48, 14),
            ("lens", "rasd-lens-top-persons", 0, 37, 16, 16),
            ("lens", "rasd-lens-top-places", 16, 37, 16, 16),
            ("lens", "rasd-lens-top-orgs", 32, 37, 16, 16),
            ("search", "rasd-search-latest", 0, 53, 48, 20),
            ("lens", "rasd-lens-rising-stories", 0, 73, 30, 16),
            ("lens", "rasd-lens-rising-terms", 30, 73, 18, 16),
            ("lens", "rasd-lens-rising-by-hour", 0, 89, 48, 14),
            ("search", "rasd-search-names-pending", 0, 103, 48, 16),
        ],
    )
    # Feed documents carry the time of their last poll; a disabled feed is no longer polled and
    # would fall out of the dashboard's time range, so the feed panels look back five years.
    feeds_time = {"from": "now-5y", "to": "now"}
    health = dashboard(
        "rasd-dashboard-health", "Rasd: pipeline health",
        "Sources first (red: nothing is coming from it), then feed status (all feeds, whatever the time range), "
        "run statistics from the run records, the fetch-retry queue, feed suggestions and the delivery of alerts.",
        [
            ("lens", "rasd-lens-sources-red", 0, 0, 12, 8),
            ("lens", "rasd-lens-sources-by-state", 0, 8, 12, 12),
            ("lens", "rasd-lens-sources", 12, 0, 36, 20),
            ("lens", "rasd-lens-feeds-by-status", 0, 20, 16, 15),
            ("lens", "rasd-lens-feed-status", 16, 20, 32, 15),
            ("lens", "rasd-lens-run-counts", 0, 35, 24, 14),
            ("lens", "rasd-lens-run-errors", 24, 35, 24, 14),
            ("search", "rasd-search-runs-recent", 0, 49, 48, 15),
            ("search", "rasd-search-feeds-failing", 0, 64, 24, 15),
            ("search", "rasd-search-runs-failed", 24, 64, 24, 15),
            ("lens", "rasd-lens-retries-by-state", 0, 79, 16, 15),
            ("search", "rasd-search-fetch-retries", 16, 79, 32, 15),
            ("search", "rasd-search-sources-not-ok", 0, 94, 24, 15),
            ("search", "rasd-search-suggestions", 24, 94, 24, 15),
            ("lens", "rasd-lens-alerts-sent-failed", 0, 109, 20, 15),
            ("search", "rasd-search-alerts-failed", 20, 109, 28, 15),
        ],
        panel_time={oid: feeds_time for oid in (
            "rasd-lens-sources-red", "rasd-lens-sources-by-state", "rasd-lens-sources", "rasd-search-sources-not-ok",
            "rasd-search-suggestions", "rasd-lens-feeds-by-status", "rasd-lens-feed-status",
            "rasd-search-feeds-failing", "rasd-lens-retries-by-state", "rasd-search-fetch-retries")},
    )
    return [news, health]


def build() -> list[Obj]:
    return data_views() + saved_searches() + news_lenses() + trends_lenses() + health_lenses() + dashboards()


def render(objects: list[Obj]) -> str:
    return "".join(json.dumps(o, ensure_ascii=False, separators=(",", ":")) + "\n" for o in objects)


def main(argv: list[str]) -> int:
    text = render(build())
    if "--check" in argv:
        if not OUT.is_file() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is out of date: run python kibana/generate.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count(chr(10))} objects)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
