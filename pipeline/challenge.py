"""Bot-challenge pages: HTML from Cloudflare and similar services where a feed or an article was asked for.

Many Arabic outlets sit behind a CDN that answers pollers from data-centre addresses with a
JavaScript or CAPTCHA challenge instead of the content: a 403 or 503 (or even a 200) HTML
page, or a redirect to a challenge URL. Recorded as its own kind, ``blocked_challenge``, it
says "the publisher refuses automated clients from here" rather than "the feed is broken", and
``pipeline.routing`` moves the source to its next way in at once.

The signals are the ones the services document or that their pages always carry. On a 2xx
answer only the strong ones count (a challenge header, a challenge page title, a challenge
script object), because ordinary pages behind these services load some of their scripts too.
"""

from __future__ import annotations

import re

# (vendor, pattern) over the first 64 KiB of a lower-cased HTML body: any status
_STRONG = [
    ("Cloudflare", re.compile(r"<title>\s*(just a moment\.\.\.|attention required! \| cloudflare|"
                              r"please wait\.\.\. \| cloudflare)\s*</title>")),
    ("Cloudflare", re.compile(r"window\._cf_chl_opt|cf-browser-verification|/cdn-cgi/challenge-platform/h/")),
    ("DDoS-Guard", re.compile(r"<title>\s*ddos-guard\s*</title>|check\.ddos-guard\.net")),
    ("Sucuri", re.compile(r"<title>\s*sucuri website firewall - access denied\s*</title>")),
    ("Imperva", re.compile(r"incapsula incident id")),
    ("DataDome", re.compile(r"geo\.captcha-delivery\.com|ct\.captcha-delivery\.com")),
    ("PerimeterX", re.compile(r"px-captcha|_pxappid")),
    ("generic", re.compile(r"<title>\s*(checking your browser[^<]*|verifying you are human[^<]*|"
                           r"security check[^<]*|access denied)\s*</title>")),
]
# weaker signals, trusted only on an error answer (403, 429, 503) or a very small page
_WEAK = [
    ("Imperva", re.compile(r"_incapsula_resource")),
    ("Akamai", re.compile(r"reference&#32;&#35;|reference #\d+\.[0-9a-f]+")),
    ("Cloudflare", re.compile(r"cdn-cgi/challenge-platform|cf-error-details|cloudflare ray id")),
]
_CHALLENGE_URL = re.compile(r"__cf_chl_|/cdn-cgi/challenge-platform/|captcha-delivery\.com|/_incapsula_resource",
                            re.IGNORECASE)
ERROR_STATUSES = {401, 403, 429, 503}
SMALL_PAGE = 16 * 1024


def challenge_url(url: str) -> bool:
    """Whether a redirect target is a challenge (Cloudflare's ``__cf_chl_`` tokens and similar)."""
    return bool(_CHALLENGE_URL.search(url))


def detect_challenge(status: int, headers: dict[str, str], body: bytes) -> str | None:
    """The service whose challenge or block page this answer is, or None.

    ``headers`` have lower-case names (as ``pipeline.fetch.Response`` keeps them)."""
    if headers.get("cf-mitigated", "").lower() == "challenge":
        return "Cloudflare"
    if headers.get("x-amzn-waf-action", "").lower() in {"challenge", "captcha"}:
        return "AWS WAF"
    if not body:
        return None
    ctype = headers.get("content-type", "").lower()
    head = body[:65536].lower()
    if "html" not in ctype and b"<html" not in head and b"<!doctype html" not in head:
        return None  # a feed, a sitemap, an image: never a challenge page
    text = head.decode("utf-8", "replace")
    for vendor, rx in _STRONG:
        if rx.search(text):
            return vendor
    if status in ERROR_STATUSES or len(body) <= SMALL_PAGE:
        for vendor, rx in _WEAK:
            if rx.search(text):
                return vendor
    return None
