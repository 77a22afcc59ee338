"""URL helpers: absolute canonical URLs, and the publication day some URLs carry."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

# /2024/05/17/ or /2024-05-17/ or -20240517- in the path; the day is optional (/2024/05/).
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])(?:[/-](0[1-9]|[12]\d|3[01]))?(?=[/._-]|$)"
    r"|[/_-]((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/._-]|$)"
)


def absolute(href: str | None, base: str | None) -> str | None:
    """href resolved against base; None for empty, script and fragment-only links."""
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "data:")):
        return None
    url = urljoin(base, href) if base else href
    return url if urlsplit(url).scheme in ("http", "https") else None


def date_in_url(url: str | None) -> str | None:
    """"YYYY-MM-DD" (or "YYYY-MM") from the URL's path, when it has one."""
    if not url:
        return None
    m = _URL_DATE.search(urlsplit(url).path)
    if not m:
        return None
    if m.group(1):
        return "-".join(p for p in m.group(1, 2, 3) if p)
    return "-".join(m.group(4, 5, 6))
