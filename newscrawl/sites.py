"""Per-site conventions from seeds/sites.toml: date order, time zone, language, recognition."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

# Package data, so an installed package or a scrapyd egg (a zip) finds it too.
DEFAULT_SITES = resources.files("seeds").joinpath("sites.toml")


@dataclass(frozen=True)
class Site:
    key: str
    name: str | None = None
    hosts: tuple[str, ...] = ()
    day_first: bool | None = None
    tz: str | None = None
    language: str | None = None
    start_urls: tuple[str, ...] = ()
    # CSS selector overrides for extraction ("title", "body", "byline", "date"); they win over
    # the generic rules for this site's pages.
    selectors: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    detect: tuple[re.Pattern, ...] = field(default=(), compare=False)


class SiteError(ValueError):
    pass


def load_sites(path: str | Path | None = None) -> dict[str, Site]:
    """The sites of a sites file; without one, those shipped in seeds/sites.toml."""
    source = Path(path) if path else DEFAULT_SITES
    if not source.is_file():
        if not path:
            return {}
        raise SiteError(f"{path}: sites file not found")
    try:
        table = tomllib.loads(source.read_text(encoding="utf-8")).get("sites", {})
        return {
            key: Site(
                key=key,
                name=conf.get("name"),
                hosts=tuple(conf.get("hosts", ())),
                day_first=conf.get("day_first"),
                tz=conf.get("tz"),
                language=conf.get("language"),
                start_urls=tuple(conf.get("start_urls", ())),
                selectors=dict(conf.get("selectors", {})),
                detect=tuple(re.compile(p) for p in conf.get("detect", ())),
            )
            for key, conf in table.items()
        }
    except (tomllib.TOMLDecodeError, re.error, AttributeError) as exc:
        raise SiteError(f"{path or 'seeds/sites.toml'}: {exc}") from exc


def site_for_url(sites: dict[str, Site], url: str | None) -> Site | None:
    host = (urlsplit(url).hostname or "") if url else ""
    for site in sites.values():
        if any(host == h or host.endswith("." + h) for h in site.hosts):
            return site
    return None


def detect_site(sites: dict[str, Site], sample: str) -> Site | None:
    """The one site whose patterns occur in the sample; None when none or several do."""
    found = [s for s in sites.values() if s.detect and any(p.search(sample) for p in s.detect)]
    return found[0] if len(found) == 1 else None
