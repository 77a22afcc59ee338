"""Scrapy settings, shared by crawls and by imports (newscrawl.ingest reads this module too)."""

import os

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"

# One chain, in this order, for every source.
ITEM_PIPELINES = {
    "pipelines.steps.CleanPipeline": 100,
    "pipelines.steps.BylinePipeline": 200,
    "pipelines.steps.DatePipeline": 300,
    "pipelines.steps.DedupePipeline": 400,
    "pipelines.storage.pipeline.StorePipeline": 900,
}

# Where articles go: any SQLAlchemy URL (sqlite:///file.db, postgresql+psycopg://user@host/db).
NEWSCRAWL_DB = os.environ.get("NEWSCRAWL_DB", "sqlite:///newscrawl.db")
# Items per database transaction.
NEWSCRAWL_BATCH_SIZE = 500
# Per-site conventions; None means seeds/sites.toml of this project.
NEWSCRAWL_SITES_FILE = os.environ.get("NEWSCRAWL_SITES_FILE")
NEWSCRAWL_RUN_KIND = "crawl"

# Politeness.
ROBOTSTXT_OBEY = True
USER_AGENT = "newscrawl/0.1 (+https://example.org/newscrawl)"
AUTOTHROTTLE_ENABLED = True
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024

FEED_EXPORT_ENCODING = "utf-8"
