"""Canonical URLs and document ids.

The same article reached as ``http://m.site.ly/a/?utm_source=fb#c`` and
``https://www.site.ly/a`` must get one document id.  The canonical form:

* courlan's normalization (host case, default ports, tracking parameters such
  as ``utm_*``, sorted query), then our own rules on top:
* no fragment; ``www.``, ``m.``, ``mobile.`` and ``amp.`` host prefixes
  dropped; AMP path variants (``/amp``, ``.amp``, ``?amp``, ``?outputType=amp``)
  dropped; ``fbclid``, ``gclid`` and friends dropped; no trailing slash (except
  the root); percent-encoding made uniform (upper-case escapes for non-ASCII).
* ``https`` is the canonical scheme; the id is computed on the URL with its
  scheme folded, so ``http://`` and ``https://`` copies share an id while the
  stored ``canonical_url`` keeps a scheme that works for the host.

Document id = sha256 (hex) of that scheme-less canonical key.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

import courlan

from pipeline.errors import InputError

_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|"
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


def canonicalize(url: str) -> str:
    """Return the canonical URL; raise :class:`InputError` for a non-http(s) URL."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        raise InputError(f"not an absolute http(s) URL: {url!r}")
    try:
        normalized = courlan.normalize_url(url, strict=False, trailing_slash=True)
    except Exception as exc:  # courlan raises assorted errors on odd input
        raise InputError(f"cannot normalize URL {url!r}: {exc}") from exc
    parts = urlsplit(normalized)
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        raise InputError(f"URL has no host: {url!r}")
    if not _is_ip_or_local(host):
        host = _HOST_PREFIX.sub("", host)
    netloc = host if not parts.port else f"{host}:{parts.port}"
    if ":" in host and not host.startswith("["):
        netloc = f"[{host}]" if not parts.port else f"[{host}]:{parts.port}"
    path = quote(unquote(parts.path or "/"), safe=_SAFE_PATH)
    path = _AMP_PATH.sub("", path) or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    )
    scheme = "http" if _is_ip_or_local(host) and parts.scheme == "http" else "https"
    return urlunsplit((scheme, netloc, path, query, ""))


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
