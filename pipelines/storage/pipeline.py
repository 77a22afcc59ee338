"""StorePipeline: the Scrapy shell around Store, batching items into transactions."""

from __future__ import annotations

import logging

from pipelines.storage.store import Store

logger = logging.getLogger(__name__)
DEDUPE_OUTCOMES = {"merged", "upgraded"}


class StoreError(RuntimeError):
    """A batch could not be written; it was rolled back whole."""


class StorePipeline:
    def __init__(self, db_url: str, batch_size: int, stats, run_kind: str, run_args: dict):
        self.db_url = db_url
        self.batch_size = max(1, batch_size)
        self.stats = stats
        self.run_kind = run_kind
        self.run_args = run_args
        self.batch: list = []
        self.store: Store | None = None
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        return cls(s.get("NEWSCRAWL_DB"), s.getint("NEWSCRAWL_BATCH_SIZE", 500), crawler.stats,
                   s.get("NEWSCRAWL_RUN_KIND", "crawl"), s.getdict("NEWSCRAWL_RUN_ARGS"))

    def open_spider(self):
        self.store = Store(self.db_url)
        self.store.create_schema()
        self.run_id = self.store.start_run(self.run_kind, self.run_args)
        self.stats.set_value("newscrawl/run_id", self.run_id)

    def process_item(self, item):
        self.batch.append(item)
        if len(self.batch) >= self.batch_size:
            self.flush()
        return item

    def flush(self) -> None:
        if not self.batch:
            return
        batch, self.batch = self.batch, []
        try:
            outcomes = self.store.write_batch(batch, self.run_id)
        except Exception as exc:
            self.store.forget_ids()
            raise StoreError(f"could not write {len(batch)} items to the database: {exc}") from exc
        for outcome, count in outcomes.items():
            group = "dedupe" if outcome in DEDUPE_OUTCOMES else "store"
            self.stats.inc_value(f"newscrawl/{group}/{outcome.replace('/', '_')}", count)
        logger.debug("stored %d items: %s", len(batch), dict(outcomes))

    def close_spider(self):
        if self.store is None:
            return
        reason = self.stats.get_value("finish_reason") or "finished"
        try:
            self.flush()
        except Exception:
            reason = "failed"
            raise
        finally:
            stats = {k: v for k, v in self.stats.get_stats().items() if k != "newscrawl/run_id"}
            self.store.finish_run(self.run_id, reason, stats)
            self.store.close()
