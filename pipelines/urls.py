"""Article URLs in one form, so a listing's link and the page's canonical URL meet.

Listings and feeds often link with tracking parameters, a fragment, another letter case in the
host or the default port; the article itself says where it lives. The form kept here is the
one stored; `same_page` also ignores the scheme, since sites serve one page on http and https.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that say who sent the reader, never which page it is.
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_")
_TRACKING = frozenset({"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "ocid", "cmpid", "ito",
                       "ref_src", "s_cid", "_ga", "wt.mc_id", "mc_cid", "mc_eid"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str | None) -> str | None:
    """The URL without tracking parameters, fragment and default port, host in lower case."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip() or None  # not a URL we can take apart: keep it as found
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        return url.strip()
    host = parts.hostname
    if port and port != _DEFAULT_PORTS[parts.scheme]:
        host = f"{host}:{port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    return urlunsplit((parts.scheme, host, parts.path or "/", urlencode(query, doseq=True), ""))


def page_key(url: str) -> str:
    """What names the page whichever scheme served it: sites serve one page on http and https."""
    return url.partition("://")[2] or url


def scheme_variants(url: str) -> tuple[str, ...]:
    """The URL as stored under either scheme, for lookups by page."""
    scheme, sep, rest = url.partition("://")
    if scheme in _DEFAULT_PORTS and sep:
        return (f"http://{rest}", f"https://{rest}")
    return (url,)


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key in _TRACKING or key.startswith(_TRACKING_PREFIXES)
