"""Kibana saved objects of Rasd (``kibana/rasd.ndjson``): load, check, import.

``check`` verifies an export file without a Kibana: every reference resolves to
an object in the file, every internal reference name (Lens layers, search data
view, filters, dashboard panels) is present, Lens accessors name existing
columns, and every field a data view, search or Lens layer uses exists in the
index template behind its data view (dynamic objects such as ``counts.*`` of
the run records match by prefix; runtime fields of a data view count as its
fields). ``import_objects`` sends the file to the saved-objects import API.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import httpx

from pipeline.config import DATA_DIR, REPO_ROOT
from pipeline.errors import RasdError

__all__ = [
    "DEFAULT_FILE",
    "KibanaError",
    "check",
    "default_mappings",
    "field_known",
    "fields_used",
    "import_objects",
    "kql_fields",
    "load_objects",
    "mapping_fields",
    "moved_objects",
    "wait_for_kibana",
]

DEFAULT_FILE = REPO_ROOT / "kibana" / "rasd.ndjson"
GRID_COLUMNS = 48
RECORDS = {"___records___", "Records"}  # Lens pseudo-field of count()
META_FIELDS = {"_id", "_index", "_score", "_source", "_ignored"}
# Data view id -> index template (pipeline/data/index/) whose mapping backs it.
DATA_VIEW_TEMPLATES = {"rasd-articles": "articles.json", "rasd-runs": "runs.json", "rasd-feeds": "feeds.json",
                       "rasd-retries": "retries.json", "rasd-sources": "sources.json",
                       "rasd-suggestions": "suggestions.json", "rasd-alerts": "alerts.json",
                       "rasd-trends": "trends.json", "rasd-names": "names.json"}
LENS_TYPES = {"lnsXY", "lnsDatatable", "lnsPie", "lnsMetric", "lnsLegacyMetric", "lnsGauge", "lnsHeatmap",
              "lnsTagcloud"}
SEARCH_INDEX_REF = "kibanaSavedObjectMeta.searchSourceJSON.index"
LENS_LAYER_REF = "indexpattern-datasource-layer-"

Obj = dict[str, Any]


class KibanaError(RasdError):
    """Kibana refused or failed an import; ``errors`` holds the per-object errors it reported."""

    kind = "kibana"

    def __init__(self, message: str, errors: list[Obj] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []


# -- loading ------------------------------------------------------------------------------------
def load_objects(path: str | Path) -> list[Obj]:
    """Saved objects of an NDJSON export, one per non-empty line.

    The summary line Kibana appends to exports (``{"exportedCount": …}``) is skipped.
    Raises ``ValueError`` naming the line of invalid JSON or of a line that is not an object."""
    objects: list[Obj] = []
    for no, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{no}: invalid JSON: {exc}") from exc
        if not isinstance(obj, dict):
            raise ValueError(f"{path}:{no}: not a JSON object")
        if "exportedCount" in obj and "type" not in obj:
            continue
        objects.append(obj)
    return objects


# -- mappings -----------------------------------------------------------------------------------
def mapping_fields(template_json: Obj | str | Path) -> set[str]:
    """Field names of an index template (dict, JSON text or file): leaf fields with dotted paths,
    multi-fields (``title.exact``, ``persons.norm``) and, for objects that map new keys dynamically
    (``counts``, ``errors_by_kind``, ``durations_ms``), the pattern ``<path>.*``.
    Objects with ``enabled: false`` contribute nothing: they are not searchable."""
    if isinstance(template_json, Path) or (isinstance(template_json, str) and not template_json.lstrip()
                                           .startswith("{")):
        template_json = Path(template_json).read_text(encoding="utf-8")
    data: Obj = json.loads(template_json) if isinstance(template_json, str) else template_json
    mappings = data.get("template", data).get("mappings", data.get("mappings", {}))
    fields: set[str] = set()
    _walk_properties(mappings.get("properties", {}), "", mappings.get("dynamic", True), fields)
    return fields


def _walk_properties(props: Obj, prefix: str, parent_dynamic: Any, out: set[str]) -> None:
    for name, spec in props.items():
        path = f"{prefix}{name}"
        if spec.get("enabled") is False:
            continue
        if "properties" in spec or spec.get("type") in (None, "object", "nested"):
            dynamic = spec.get("dynamic", parent_dynamic)
            if str(dynamic).lower() in ("true", "runtime"):
                out.add(f"{path}.*")
            _walk_properties(spec.get("properties", {}), f"{path}.", dynamic, out)
            continue
        out.add(path)
        for sub in spec.get("fields", {}):
            out.add(f"{path}.{sub}")


def default_mappings(index_dir: Path = DATA_DIR / "index") -> dict[str, set[str]]:
    """Fields per Rasd data view id, from the index templates in ``pipeline/data/index``."""
    return {dv: mapping_fields(index_dir / name) for dv, name in DATA_VIEW_TEMPLATES.items()}


def field_known(name: str, fields: set[str], *, allow_object: bool = False) -> bool:
    """Whether ``name`` is a field of ``fields`` (with ``<object>.*`` patterns). ``allow_object``
    also accepts an object path (``counts``, ``errors_by_kind``) that has known fields below it."""
    if name in fields or name in META_FIELDS:
        return True
    for f in fields:
        if f.endswith(".*") and name.startswith(f[:-1]) and len(name) > len(f) - 1:
            return True
        if allow_object and f.startswith(f"{name}."):
            return True
    return False


# -- field uses ---------------------------------------------------------------------------------
class FieldUse(NamedTuple):
    data_view: str | None  # data view id; None = whichever data views the object uses
    field: str
    where: str
    source_path: bool = False  # a _source path read by a runtime field: must be in the mapping itself


_QUOTED = re.compile(r'"(?:\\.|[^"\\])*"')
_KQL_FIELD = re.compile(r"(?<![\w.*@\\-])([A-Za-z_@][\w.@-]*)\s*(?::|<=|>=|<|>)")
_SOURCE_PATH = re.compile(r"params(?:\['_source'\]|\._source)((?:\['[^']+'\])+)")


def kql_fields(query: str) -> set[str]:
    """Field names a KQL query names (``field:value``, ``field >= value``, ``field:(a or b)``);
    quoted values are ignored, and so are wildcard field names."""
    text = _QUOTED.sub('""', query or "")
    return {m.group(1) for m in _KQL_FIELD.finditer(text) if m.group(1).lower() not in {"and", "or", "not"}}


def _json_attr(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _ref_ids(obj: Obj) -> dict[str, str]:
    return {r.get("name", ""): r.get("id", "") for r in obj.get("references", []) if isinstance(r, dict)}


def _query_uses(query: Any, dv: str | None, where: str) -> Iterator[FieldUse]:
    if isinstance(query, dict) and query.get("language", "kuery") == "kuery":
        for f in kql_fields(str(query.get("query", ""))):
            yield FieldUse(dv, f, f"{where} query")


def _filter_uses(filters: Any, refs: dict[str, str], default_dv: str | None, where: str) -> Iterator[FieldUse]:
    for i, flt in enumerate(filters or []):
        if not isinstance(flt, dict):
            continue
        meta = flt.get("meta", {})
        dv = refs.get(meta.get("indexRefName", ""), meta.get("index") or default_dv)
        if meta.get("key") and not str(meta.get("type", "")).startswith("custom"):
            yield FieldUse(dv, meta["key"], f"{where} filter {i}")
        query = flt.get("query", {})
        for clause in ("match_phrase", "match", "term", "terms", "range", "exists"):
            body = query.get(clause) if isinstance(query, dict) else None
            if isinstance(body, dict):
                names = [body["field"]] if clause == "exists" and "field" in body else list(body)
                for name in names:
                    if isinstance(name, str) and name not in {"boost", "field"}:
                        yield FieldUse(dv, name, f"{where} filter {i}")


def _field_uses(obj: Obj) -> list[FieldUse]:
    type_, attrs = obj.get("type"), obj.get("attributes") or {}
    refs = _ref_ids(obj)
    uses: list[FieldUse] = []
    if type_ == "index-pattern":
        dv = obj.get("id")
        if attrs.get("timeFieldName"):
            uses.append(FieldUse(dv, attrs["timeFieldName"], "timeFieldName"))
        for attr in ("fieldFormatMap", "fieldAttrs"):
            for name in _json_attr(attrs.get(attr) or "{}"):
                uses.append(FieldUse(dv, name, attr))
        for rt_name, rt in (_json_attr(attrs.get("runtimeFieldMap") or "{}")).items():
            source = (rt.get("script") or {}).get("source", "")
            if not source:  # no script: Elasticsearch reads the _source field of the same name
                uses.append(FieldUse(dv, rt_name, f"runtime field {rt_name}", source_path=True))
            for m in _SOURCE_PATH.finditer(source):
                path = ".".join(re.findall(r"\['([^']+)'\]", m.group(1)))
                uses.append(FieldUse(dv, path, f"runtime field {rt_name}", source_path=True))
    elif type_ == "search":
        dv = refs.get(SEARCH_INDEX_REF)
        for col in attrs.get("columns") or []:
            if col != "_source":
                uses.append(FieldUse(dv, col, "columns"))
        for entry in attrs.get("sort") or []:
            if isinstance(entry, list) and entry:
                uses.append(FieldUse(dv, entry[0], "sort"))
        source = _json_attr((attrs.get("kibanaSavedObjectMeta") or {}).get("searchSourceJSON") or "{}")
        uses += _query_uses(source.get("query"), dv, "search")
        uses += _filter_uses(source.get("filter"), refs, dv, "search")
    elif type_ == "lens":
        state = attrs.get("state") or {}
        layers = ((state.get("datasourceStates") or {}).get("formBased") or {}).get("layers") or {}
        layer_dvs = set()
        for layer_id, layer in layers.items():
            dv = refs.get(f"{LENS_LAYER_REF}{layer_id}")
            layer_dvs.add(dv)
            for col_id, col in (layer.get("columns") or {}).items():
                where = f"layer {layer_id} column {col_id}"
                if col.get("sourceField") and col["sourceField"] not in RECORDS:
                    uses.append(FieldUse(dv, col["sourceField"], where))
                params = col.get("params") or {}
                if params.get("sortField"):
                    uses.append(FieldUse(dv, params["sortField"], f"{where} sortField"))
                for sec in params.get("secondaryFields") or []:
                    uses.append(FieldUse(dv, sec, f"{where} secondaryFields"))
                uses += _query_uses(col.get("filter"), dv, where)
        default = next(iter(layer_dvs)) if len(layer_dvs) == 1 else None
        uses += _query_uses(state.get("query"), default, "lens")
        uses += _filter_uses(state.get("filters"), refs, default, "lens")
    elif type_ == "dashboard":
        source = _json_attr((attrs.get("kibanaSavedObjectMeta") or {}).get("searchSourceJSON") or "{}")
        uses += _query_uses(source.get("query"), None, "dashboard")
        uses += _filter_uses(source.get("filter"), refs, None, "dashboard")
    return uses


def fields_used(obj: Obj) -> set[str]:
    """Every field one saved object names: data view time field, formats and the _source paths
    its runtime fields read; search columns, sort, KQL query and filters; Lens columns
    (``sourceField``, ``sortField``, column filters), query and filters; dashboard query."""
    return {u.field for u in _field_uses(obj)}


# -- checking -----------------------------------------------------------------------------------
def check(objects: list[Obj], mappings: dict[str, set[str]]) -> list[str]:
    """Problems of a list of saved objects, as readable sentences (empty = good).

    ``mappings`` maps each allowed data view id to the fields of its index (``mapping_fields``);
    a data view with another id, a reference to an object not in the list, a missing internal
    reference, an inconsistent Lens layer or an unknown field is a problem."""
    problems: list[str] = []
    index: dict[tuple[str, str], Obj] = {}
    for n, obj in enumerate(objects, 1):
        label = f"object {n}"
        if not isinstance(obj.get("type"), str) or not isinstance(obj.get("id"), str) or not obj.get("id"):
            problems.append(f"{label}: needs a string type and id")
            continue
        if not isinstance(obj.get("attributes"), dict):
            problems.append(f"{obj['type']} {obj['id']}: attributes must be an object")
            continue
        key = (obj["type"], obj["id"])
        if key in index:
            problems.append(f"{obj['type']} {obj['id']}: duplicate type and id")
        index[key] = obj

    runtime: dict[str, set[str]] = {}
    for (type_, id_), obj in index.items():
        if type_ == "index-pattern":
            try:
                runtime[id_] = set(_json_attr(obj["attributes"].get("runtimeFieldMap") or "{}"))
            except json.JSONDecodeError:
                runtime[id_] = set()

    for (type_, id_), obj in index.items():
        name = f"{type_} {id_}"
        try:
            problems += _check_object(obj, name, index, mappings, runtime)
        except (json.JSONDecodeError, AttributeError, TypeError, KeyError) as exc:
            problems.append(f"{name}: malformed ({type(exc).__name__}: {exc})")
    return problems


def _check_object(
    obj: Obj, name: str, index: dict[tuple[str, str], Obj], mappings: dict[str, set[str]],
    runtime: dict[str, set[str]],
) -> list[str]:
    problems: list[str] = []
    attrs = obj["attributes"]
    if not attrs.get("title"):
        problems.append(f"{name}: no title")
    if not obj.get("typeMigrationVersion") and not obj.get("migrationVersion"):
        problems.append(f"{name}: no typeMigrationVersion (Kibana would run every migration since 7.x on it)")

    refs = obj.get("references", [])
    if not isinstance(refs, list):
        return [*problems, f"{name}: references must be a list"]
    names: set[str] = set()
    for r in refs:
        if not isinstance(r, dict) or not all(isinstance(r.get(k), str) for k in ("name", "type", "id")):
            problems.append(f"{name}: malformed reference {r!r}")
            continue
        if r["name"] in names:
            problems.append(f"{name}: duplicate reference name {r['name']}")
        names.add(r["name"])
        if (r["type"], r["id"]) not in index:
            problems.append(f"{name}: reference {r['name']} → {r['type']} {r['id']} is not in the file")
        if r["type"] == "index-pattern" and r["id"] not in mappings:
            problems.append(f"{name}: reference {r['name']} → unknown data view id {r['id']}")
    refs_by_name = {r["name"]: r for r in refs if isinstance(r, dict) and isinstance(r.get("name"), str)}

    type_ = obj["type"]
    if type_ == "index-pattern":
        if obj["id"] not in mappings:
            problems.append(f"{name}: data view id {obj['id']} has no index mapping to check against")
        if not attrs.get("timeFieldName"):
            problems.append(f"{name}: no timeFieldName")
        for attr in ("fieldFormatMap", "runtimeFieldMap", "fieldAttrs", "sourceFilters", "fields"):
            if isinstance(attrs.get(attr), str):
                json.loads(attrs[attr])
    elif type_ == "search":
        source = json.loads(attrs["kibanaSavedObjectMeta"]["searchSourceJSON"])
        problems += _need_ref(name, source.get("indexRefName"), refs_by_name, "index-pattern")
        for i, flt in enumerate(source.get("filter") or []):
            ref_name = (flt.get("meta") or {}).get("indexRefName")
            if ref_name:
                problems += _need_ref(name, ref_name, refs_by_name, "index-pattern", f"filter {i}")
    elif type_ == "lens":
        problems += _check_lens(obj, name, refs_by_name)
    elif type_ == "dashboard":
        problems += _check_dashboard(obj, name, refs_by_name, index)

    for use in _field_uses(obj):
        dvs = [use.data_view] if use.data_view else sorted(
            {r["id"] for r in refs if isinstance(r, dict) and r.get("type") == "index-pattern"})
        if not dvs:
            dvs = sorted(mappings)
        known = [dv for dv in dvs if dv in mappings and field_known(
            use.field, mappings[dv] if use.source_path else mappings[dv] | runtime.get(dv, set()),
            allow_object=use.source_path)]
        if not known and any(dv in mappings for dv in dvs):
            problems.append(f"{name}: field {use.field} ({use.where}) is not in the mapping of {', '.join(dvs)}")
    return problems


def _need_ref(name: str, ref_name: str | None, refs: dict[str, Obj], type_: str, what: str = "") -> list[str]:
    what = f" of {what}" if what else ""
    if not ref_name:
        return [f"{name}: no reference name{what}"]
    r = refs.get(ref_name)
    if r is None:
        return [f"{name}: reference {ref_name}{what} is missing"]
    if r.get("type") != type_:
        return [f"{name}: reference {ref_name}{what} should be a {type_}, not {r.get('type')}"]
    return []


def _check_lens(obj: Obj, name: str, refs: dict[str, Obj]) -> list[str]:
    problems: list[str] = []
    attrs = obj["attributes"]
    vis_type = attrs.get("visualizationType")
    if vis_type not in LENS_TYPES:
        problems.append(f"{name}: unknown visualizationType {vis_type!r}")
    state = attrs.get("state")
    if not isinstance(state, dict):
        return [*problems, f"{name}: attributes.state must be an object"]
    for key in ("visualization", "query", "filters", "datasourceStates"):
        if key not in state:
            problems.append(f"{name}: state.{key} is missing")
    layers: Obj = ((state.get("datasourceStates") or {}).get("formBased") or {}).get("layers") or {}
    if not layers:
        problems.append(f"{name}: no formBased layers")
    for layer_id, layer in layers.items():
        problems += _need_ref(name, f"{LENS_LAYER_REF}{layer_id}", refs, "index-pattern", f"layer {layer_id}")
        cols: Obj = layer.get("columns") or {}
        if set(layer.get("columnOrder") or []) != set(cols):
            problems.append(f"{name}: layer {layer_id} columnOrder does not list exactly its columns")
        for col_id, col in cols.items():
            for dep in col.get("references") or []:
                if dep not in cols:
                    problems.append(f"{name}: column {col_id} references missing column {dep}")
            order = (col.get("params") or {}).get("orderBy") or {}
            if order.get("type") == "column" and order.get("columnId") not in cols:
                problems.append(f"{name}: column {col_id} is ordered by missing column {order.get('columnId')}")
            ast = (col.get("params") or {}).get("tinymathAst")
            for arg in _ast_names(ast):
                if arg not in cols:
                    problems.append(f"{name}: math column {col_id} uses missing column {arg}")
    for layer_id, accessors in _vis_accessors(state.get("visualization") or {}):
        if layer_id not in layers:
            problems.append(f"{name}: visualization layer {layer_id} has no datasource layer")
            continue
        cols = layers[layer_id].get("columns") or {}
        for acc in accessors:
            if acc not in cols:
                problems.append(f"{name}: visualization accessor {acc} is not a column of layer {layer_id}")
    return problems


def _ast_names(ast: Any) -> Iterator[str]:
    if isinstance(ast, str):
        yield ast
    elif isinstance(ast, dict):
        for arg in ast.get("args") or []:
            yield from _ast_names(arg)


def _vis_accessors(vis: Obj) -> Iterator[tuple[str, list[str]]]:
    """(layer id, column ids) a Lens visualization state points at."""
    single = ("metricAccessor", "secondaryMetricAccessor", "maxAccessor", "breakdownByAccessor", "xAccessor",
              "splitAccessor", "valueAccessor", "yAccessor")
    lists = ("accessors", "primaryGroups", "secondaryGroups", "metrics")

    def collect(layer: Obj) -> list[str]:
        out = [layer[k] for k in single if isinstance(layer.get(k), str)]
        for k in lists:
            out += [a for a in layer.get(k) or [] if isinstance(a, str)]
        if isinstance(layer.get("metric"), str):
            out.append(layer["metric"])
        out += [c["columnId"] for c in layer.get("columns") or [] if isinstance(c, dict) and "columnId" in c]
        sorting = layer.get("sorting") or {}
        if isinstance(sorting.get("columnId"), str):
            out.append(sorting["columnId"])
        return out

    if isinstance(vis.get("layers"), list):
        for layer in vis["layers"]:
            if isinstance(layer, dict) and layer.get("layerType", "data") == "data" and "layerId" in layer:
                yield layer["layerId"], collect(layer)
    elif isinstance(vis.get("layerId"), str):
        yield vis["layerId"], collect(vis)


def _check_dashboard(obj: Obj, name: str, refs: dict[str, Obj], index: dict[tuple[str, str], Obj]) -> list[str]:
    problems: list[str] = []
    attrs = obj["attributes"]
    panels = json.loads(attrs.get("panelsJSON") or "[]")
    if not isinstance(panels, list) or not panels:
        return [f"{name}: panelsJSON must be a non-empty list"]
    for attr in ("optionsJSON",):
        if isinstance(attrs.get(attr), str):
            json.loads(attrs[attr])
    json.loads((attrs.get("kibanaSavedObjectMeta") or {}).get("searchSourceJSON") or "{}")
    seen: set[str] = set()
    for n, panel in enumerate(panels):
        pid = str(panel.get("panelIndex", ""))
        label = f"panel {pid or n}"
        if not pid:
            problems.append(f"{name}: panel {n} has no panelIndex")
        if pid in seen:
            problems.append(f"{name}: duplicate panelIndex {pid}")
        seen.add(pid)
        grid = panel.get("gridData") or {}
        if str(grid.get("i")) != pid:
            problems.append(f"{name}: {label} gridData.i differs from panelIndex")
        if any(not isinstance(grid.get(k), int) for k in ("x", "y", "w", "h")):
            problems.append(f"{name}: {label} gridData needs integer x, y, w, h")
        elif grid["x"] < 0 or grid["w"] < 1 or grid["x"] + grid["w"] > GRID_COLUMNS:
            problems.append(f"{name}: {label} does not fit the {GRID_COLUMNS}-column grid")
        ref_name = panel.get("panelRefName")
        if not ref_name:
            problems.append(f"{name}: {label} has no panelRefName (by-value panels are not checked)")
            continue
        r = refs.get(f"{pid}:{ref_name}") or refs.get(ref_name)
        if r is None:
            problems.append(f"{name}: {label} reference {pid}:{ref_name} is missing")
            continue
        if panel.get("type") and panel["type"] != r.get("type"):
            problems.append(f"{name}: {label} is a {panel['type']} panel but references a {r.get('type')}")
        if (r.get("type"), r.get("id")) not in index:
            problems.append(f"{name}: {label} → {r.get('type')} {r.get('id')} is not in the file")
    return problems


# -- import -------------------------------------------------------------------------------------
def _base(kibana_url: str, space: str | None) -> str:
    base = kibana_url.rstrip("/")
    return f"{base}/s/{space}" if space and space != "default" else base


def _auth(username: str | None, password: str | None) -> tuple[str, str] | None:
    return (username, password) if username and password is not None else None


def describe_errors(errors: Iterable[Obj]) -> list[str]:
    """One line per object error of an import response."""
    lines = []
    for e in errors:
        err = e.get("error") or {}
        title = e.get("title") or (e.get("meta") or {}).get("title") or ""
        line = f"{e.get('type')} {e.get('id')}" + (f" ({title})" if title else "") + f": {err.get('type', 'error')}"
        missing = err.get("references") or []
        if missing:
            line += " → " + ", ".join(f"{m.get('type')} {m.get('id')}" for m in missing)
        if err.get("message"):
            line += f": {err['message']}"
        lines.append(line)
    return lines


def import_objects(
    kibana_url: str,
    path: str | Path = DEFAULT_FILE,
    *,
    username: str | None = None,
    password: str | None = None,
    space: str | None = None,
    overwrite: bool = True,
    timeout: float = 60.0,
    verify: bool | str = True,
) -> Obj:
    """Import an NDJSON file with ``POST /api/saved_objects/_import?overwrite=true`` (multipart
    ``file``, header ``kbn-xsrf``) into ``space`` (default space when None).

    Returns Kibana's response (``success``, ``successCount``, ``successResults``). Raises
    ``KibanaError`` when Kibana cannot be reached, answers other than 200, or reports
    ``success: false``; the message lists each object error."""
    path = Path(path)
    url = f"{_base(kibana_url, space)}/api/saved_objects/_import"
    files = {"file": (path.name, path.read_bytes(), "application/ndjson")}
    try:
        resp = httpx.post(
            url,
            params={"overwrite": "true"} if overwrite else None,
            files=files,
            headers={"kbn-xsrf": "true"},
            auth=_auth(username, password),
            timeout=timeout,
            verify=verify,
        )
    except httpx.HTTPError as exc:
        raise KibanaError(f"cannot reach Kibana at {kibana_url}: {exc}") from exc
    if resp.status_code != 200:
        raise KibanaError(f"Kibana import failed: HTTP {resp.status_code} from {url}: {resp.text[:2000]}")
    try:
        body: Obj = resp.json()
    except ValueError as exc:
        raise KibanaError(f"Kibana import answered 200 without JSON: {resp.text[:500]}") from exc
    if not body.get("success"):
        errors = list(body.get("errors") or [])
        details = "\n".join(f"  {line}" for line in describe_errors(errors)) or f"  {json.dumps(body)[:2000]}"
        raise KibanaError(
            f"Kibana imported {body.get('successCount', 0)} objects but reported {len(errors)} errors:\n{details}",
            errors,
        )
    return body


def moved_objects(result: Obj) -> list[Obj]:
    """Objects Kibana imported under another id: ``successResults`` entries with a
    ``destinationId`` other than their ``id``. Kibana 8 gives an object a new id in the target
    space when an object with its id already exists in another space (ids of data views,
    searches, Lens and dashboards are unique across spaces), and rewrites the references to it;
    a later import into the same space overwrites that copy (same ``destinationId``)."""
    return [r for r in result.get("successResults") or []
            if r.get("destinationId") and r.get("destinationId") != r.get("id")]


def wait_for_kibana(
    kibana_url: str,
    timeout: float,
    *,
    username: str | None = None,
    password: str | None = None,
    verify: bool | str = True,
    interval: float = 3.0,
) -> None:
    """Poll ``/api/status`` until Kibana reports level ``available``; ``KibanaError`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while True:
        try:
            resp = httpx.get(f"{kibana_url.rstrip('/')}/api/status", auth=_auth(username, password),
                             timeout=10, verify=verify)
            if resp.status_code == 200:
                level = ((resp.json().get("status") or {}).get("overall") or {}).get("level")
                if level == "available":
                    return
                last = f"status {level}"
            else:
                last = f"HTTP {resp.status_code}"
        except (httpx.HTTPError, ValueError) as exc:
            last = str(exc)
        if time.monotonic() >= deadline:
            raise KibanaError(f"Kibana at {kibana_url} not available after {timeout:g}s ({last})")
        time.sleep(interval)
