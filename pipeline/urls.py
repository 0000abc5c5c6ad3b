"""Canonical URLs and document ids.

The same article reached as ``http://m.site.ly/a/?utm_source=fb#c`` and
``https://www.site.ly/a`` must get one document id.  The canonical form:

* courlan's path normalization, then our own rules (courlan never sees the
  query: it html-unescapes it, and its tracker list also drops ``cid``/``source``):
* no fragment; ``www.``, ``m.``, ``mobile.`` and ``amp.`` host prefixes
  dropped; AMP path variants (``/amp``, ``.amp``, ``?amp``, ``?outputType=amp``)
  dropped; ``fbclid``, ``gclid`` and friends dropped; no trailing slash (except
  the root); percent-encoding made uniform (upper-case escapes for non-ASCII,
  an encoded slash stays encoded); query sorted; host lower-case, ASCII (punycode).
* ``https`` is the canonical scheme; the id is computed on the URL with its
  scheme folded, so ``http://`` and ``https://`` copies share an id while the
  stored ``canonical_url`` keeps a scheme that works for the host.

Document id = sha256 (hex) of that scheme-less canonical key.
"""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

import courlan

from pipeline.errors import InputError

_TRACKING = re.compile(
    r"^(utm_\w*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|"
    r"_ga|_gl|ocid|ref|ref_src|ref_url|cmpid|at_\w+|ito|spm|share|from|src|"
    r"output_?type|amp|__twitter_impression|s_cid|ns_\w+)$",
    re.IGNORECASE,
)
_HOST_PREFIX = re.compile(r"^(www\d?|m|mobile|amp)\.")
_AMP_PATH = re.compile(r"(/amp/?$|\.amp$|/amp(?=/))", re.IGNORECASE)
_SAFE_PATH = "/:@!$&'()*+,;=-._~"


def _is_ip_or_local(host: str) -> bool:
    if host in {"localhost"}:
        return True
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        return False


def _host(raw: str) -> str:
    host = raw.lower().rstrip(".")
    if _is_ip_or_local(host):
        return host
    with contextlib.suppress(UnicodeError):  # one spelling for internationalized names: ASCII (punycode)
        host = ".".join(label.encode("idna").decode("ascii") if label and not label.isascii() else label
                        for label in host.split("."))
    while _HOST_PREFIX.match(host) and host.count(".") >= 2:
        host = _HOST_PREFIX.sub("", host, count=1)
    return host


def _path(raw: str) -> str:
    # keep an encoded slash encoded (it is part of a segment, not a separator)
    segments = re.split(r"%2[fF]", raw or "/")
    path = "%2F".join(quote(unquote(seg), safe=_SAFE_PATH) for seg in segments)
    path = re.sub(r"/{2,}", "/", path) or "/"
    while True:
        before = path
        if len(path) > 1:
            path = path.rstrip("/") or "/"
        path = _AMP_PATH.sub("", path) or "/"
        if path == before:
            return path


def _once(url: str) -> str:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InputError(f"malformed URL {url!r}: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"} or not parts.hostname:
        raise InputError(f"not an absolute http(s) URL: {url!r}")
    host = _host(parts.hostname)
    if not host:
        raise InputError(f"URL has no host: {url!r}")
    # courlan normalizes the path (dot segments, case of escapes); the query never
    # goes through it (it html-unescapes, turning "&section=" into "§ion=")
    try:
        path = urlsplit(courlan.normalize_url(urlunsplit(("http", "h.invalid", parts.path or "/", "", "")),
                                              strict=False, trailing_slash=True)).path
    except Exception:  # courlan raises assorted errors on odd input
        path = parts.path or "/"
    path = _path(path)
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if k and not _TRACKING.match(k)))
    if port in (0, 443) or (port == 80 and scheme == "http"):  # 0: no port at all
        port = None
    if port is None:
        scheme = "http" if _is_ip_or_local(host) and scheme == "http" else "https"
    shown = f"[{host}]" if ":" in host else host
    netloc = shown if port is None else f"{shown}:{port}"
    return urlunsplit((scheme, netloc, path, query, ""))


def canonicalize(url: str) -> str:
    """Return the canonical URL; raise :class:`InputError` for anything not an http(s) URL."""
    url = (url or "").strip()
    if any(c in url for c in "\x00\r\n\t"):
        raise InputError(f"control characters in URL {url!r}")
    current = _once(url)
    for _ in range(3):  # the rules are idempotent by design; this makes it a guarantee
        nxt = _once(current)
        if nxt == current:
            break
        current = nxt
    return current


def url_key(canonical_url: str) -> str:
    """The canonical URL with its scheme folded (what the id is computed on)."""
    return canonical_url.split("://", 1)[-1]


def doc_id(url: str) -> str:
    """Document id of any URL of an article: sha256 of its canonical key."""
    return hashlib.sha256(url_key(canonicalize(url)).encode("utf-8")).hexdigest()


def registered_domain(url: str) -> str:
    """Host without www./m./amp. prefixes (cheap stand-in for the registered domain)."""
    host = (urlsplit(url).hostname or "").lower()
    return _HOST_PREFIX.sub("", host)
