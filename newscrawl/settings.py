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
# Crawls write batches in a worker thread; the crawl waits only when this many are queued.
# (False: write in the crawl's own thread, blocking it; only to measure the difference.)
NEWSCRAWL_WRITE_THREAD = True
NEWSCRAWL_WRITE_QUEUE = 4
# A batch is written when full or when this many seconds passed since the last write.
NEWSCRAWL_FLUSH_SECONDS = 30.0
# Seconds added to every batch write: a slow database, for tests and benchmarks only.
NEWSCRAWL_WRITE_DELAY = 0.0
# Per-site conventions; None means seeds/sites.toml of this project.
NEWSCRAWL_SITES_FILE = os.environ.get("NEWSCRAWL_SITES_FILE")
NEWSCRAWL_RUN_KIND = "crawl"
# Links followed away from a start page (listing -> category -> article); pagination, feeds and
# sitemaps do not count.
NEWSCRAWL_LINK_HOPS = 3
# An article page that failed this many fetches in a row (a 5xx every run) is given up: later runs
# fetch it again only when a sitemap, feed or API shows it changed.
NEWSCRAWL_MAX_FAILURES = 5

# Politeness. Site owners see who we are and how to reach us: set NEWSCRAWL_CONTACT (a URL or
# mailto:) to yours, in the environment or with -s NEWSCRAWL_CONTACT=...
NEWSCRAWL_AGENT = "newscrawl/0.1"
NEWSCRAWL_CONTACT = os.environ.get("NEWSCRAWL_CONTACT", "https://github.com/newscrawl/newscrawl")
USER_AGENT = f"{NEWSCRAWL_AGENT} (+{NEWSCRAWL_CONTACT})"
ROBOTSTXT_OBEY = True
# Our robots middleware holds a host's requests until its robots.txt is settled and treats an
# unreachable robots.txt (5xx, timeout) as "disallow all" (RFC 9309); see newscrawl/middlewares.py.
# It also keeps a host's Crawl-delay, up to this many seconds (a larger one would stall a run).
NEWSCRAWL_MAX_CRAWL_DELAY = 60.0
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newscrawl.middlewares.RobotsGate": 100,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newscrawl.middlewares.BackoffRetryMiddleware": 550,
}
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS_PER_DOMAIN = 4
RETRY_TIMES = 2
RETRY_GIVE_UP_LOG_LEVEL = "INFO"  # the spider's errback logs the failure once, with its kind
NEWSCRAWL_RETRY_BACKOFF = 2.0  # seconds before the first retry, doubled for each next one
NEWSCRAWL_RETRY_BACKOFF_MAX = 60.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
# Items of one response processed in parallel: the pipelines are synchronous (the store writes
# in its own thread), and Scrapy creates this many tasks per response.
CONCURRENT_ITEMS = 8
# A runaway guard (calendar and pagination traps); NEWSCRAWL_LINK_HOPS is the working limit.
DEPTH_LIMIT = 2000
# Several crawl processes (on several machines) share one queue in Redis: set to redis://host:6379/0.
# See newscrawl/distributed.py: keys per crawled hosts under NEWSCRAWL_REDIS_KEY; a worker stops
# after NEWSCRAWL_REDIS_IDLE seconds on an empty queue; a worker not heard of for
# NEWSCRAWL_REDIS_WORKER_TTL seconds counts as gone.
NEWSCRAWL_REDIS_URL = os.environ.get("NEWSCRAWL_REDIS_URL")
NEWSCRAWL_REDIS_KEY = os.environ.get("NEWSCRAWL_REDIS_KEY", "newscrawl")
NEWSCRAWL_REDIS_IDLE = 10.0
NEWSCRAWL_REDIS_WORKER_TTL = 30
# Incremental runs come from the database's fetch log (pipelines/storage/pages.py), not JOBDIR.
TELNETCONSOLE_ENABLED = False

FEED_EXPORT_ENCODING = "utf-8"
