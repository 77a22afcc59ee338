"""Run the news spider in this process with the project settings: the library side of `newscrawl crawl`."""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from newscrawl.sites import SiteError, load_sites
from pipelines.storage.engine import create_schema, open_engine
from pipelines.storage.pipeline import run_status


@dataclass
class CrawlResult:
    run_id: int | None
    reason: str  # Scrapy's finish reason: finished, shutdown, closespider_pagecount, ...
    stats: dict

    @property
    def status(self) -> str:
        return run_status(self.reason)


def crawl_settings(*, db: str | None = None, max_pages: int | None = None, overrides: dict | None = None,
                   log_level: str | None = None, run_args: dict | None = None) -> Settings:
    settings = Settings()
    settings.setmodule("newscrawl.settings", priority="project")
    given = {"NEWSCRAWL_DB": db, "CLOSESPIDER_PAGECOUNT": max_pages, "LOG_LEVEL": log_level,
             "LOG_FORMAT": "%(levelname)s %(name)s: %(message)s" if log_level else None,
             "NEWSCRAWL_RUN_KIND": "crawl", "NEWSCRAWL_RUN_ARGS": run_args}
    settings.update({k: v for k, v in given.items() if v is not None}, priority="cmdline")
    settings.update(overrides or {}, priority="cmdline")
    return settings


def split_targets(targets: list[str], sites: dict) -> tuple[list[str], list[str]]:
    """(URLs, site keys) of the crawl's targets; SiteError for a word that is neither."""
    urls = [t for t in targets if "://" in t]
    keys = [t for t in targets if "://" not in t]
    if keys:
        unknown = [k for k in keys if k not in sites]
        if unknown:
            raise SiteError(f"{', '.join(unknown)}: neither a URL (http://...) nor a site of sites.toml "
                            f"({', '.join(sorted(sites)) or 'none'})")
        missing = [k for k in keys if not sites[k].start_urls and not sites[k].hosts]
        if missing:
            raise SiteError(f"{', '.join(missing)}: neither start_urls nor hosts in sites.toml; give the URL instead")
    if urls and keys:
        raise SiteError("give URLs (with --site KEY for their conventions) or site keys, not both")
    return urls, keys


def run_crawl(targets: list[str], *, db: str | None = None, site: str | None = None, max_pages: int | None = None,
              overrides: dict | None = None, log_level: str | None = None) -> CrawlResult:
    """Crawl URLs or sites.toml keys into the database; one runs row. Blocks until the crawl ends."""
    settings = crawl_settings(db=db, max_pages=max_pages, overrides=overrides, log_level=log_level,
                              run_args={"targets": targets, "site": site, "max_pages": max_pages,
                                        "settings": overrides or {}})
    sites = load_sites(settings.get("NEWSCRAWL_SITES_FILE"))
    urls, keys = split_targets(targets, sites)
    if site is not None and site not in sites:
        raise SiteError(f"unknown site {site!r}")
    _check_database(settings.get("NEWSCRAWL_DB"))
    from newscrawl.spiders.news import NewsSpider

    process = CrawlerProcess(settings)
    crawler = process.create_crawler(NewsSpider)
    args = {"url": ",".join(urls)} if urls else {}
    chosen = [site] if urls and site else keys
    if chosen:
        args["site"] = ",".join(chosen)
    process.crawl(crawler, **args)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    return CrawlResult(stats.get("newscrawl/run_id"), stats.get("finish_reason", "failed"), stats)


def _check_database(db: str) -> None:
    """Refuse a database we cannot use before Scrapy starts (one clear error, not a traceback per
    component): DatabaseError for a bad URL or schema, SQLAlchemyError when it cannot be reached."""
    engine = open_engine(db)
    try:
        create_schema(engine)
    finally:
        engine.dispose()


def summary(result: CrawlResult, db: str) -> str:
    """What `newscrawl crawl` prints at the end."""
    from newscrawl.report import by_reason, database_summary, run_counts

    s = result.stats
    c = run_counts(s)
    pages = by_reason(s, "newscrawl/pages/")
    errors = by_reason(s, "newscrawl/errors/")
    lines = [
        f"run {result.run_id} {result.status} ({result.reason}): {s.get('response_received_count', 0)} responses; "
        + (", ".join(f"{n} {k}" for k, n in pages.items()) or "no pages"),
        f"  items: {s.get('newscrawl/items/full', 0)} full pages, {s.get('newscrawl/items/teaser', 0)} teasers",
        f"  articles: {c['new']} new, {c['updated']} updated, {c['unchanged']} unchanged; "
        f"teasers merged: {c['merged']}; dropped: {c['dropped']}",
    ]
    if errors:
        lines.append("  errors: " + ", ".join(f"{n} {k}" for k, n in errors.items()))
    lines += ["", database_summary(db, example=False)]
    return "\n".join(lines)
