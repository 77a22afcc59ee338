"""StorePipeline: the Scrapy shell around Store, batching items into transactions.

Two ways to run, one code path for the writes:
- in a crawl (built by Scrapy's engine), batches are written by one worker thread, in order, so a
  slow database does not hold up downloading and parsing; process_item only waits (returns an
  awaitable) when more than NEWSCRAWL_WRITE_QUEUE batches are queued: backpressure, not blocking;
- under newscrawl.ingest (no engine, no reactor), batches are written synchronously.

Spiders also send PageRecords (the fetch log, pipelines.storage.pages) down the same stream; each
batch writes its articles first and then its page records, so a page is logged as fetched only
once what it gave is stored.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter, deque
from concurrent.futures import Future, ThreadPoolExecutor

from pipelines.storage.pages import PageRecord
from pipelines.storage.store import Store

logger = logging.getLogger(__name__)
DEDUPE_OUTCOMES = {"merged", "upgraded"}
WRITE_SECONDS = "_seconds"  # a batch's write time, carried back with its outcomes
# Finish reasons (Scrapy's, or newscrawl.ingest's own statuses) -> runs.status
RUN_STATUS = {"finished": "finished", "shutdown": "interrupted", "cancelled": "interrupted",
              "interrupted": "interrupted", "failed": "failed", "store_failed": "failed"}


def run_status(reason: str) -> str:
    """runs.status for a finish reason (closespider_* limits: "stopped")."""
    return RUN_STATUS.get(reason, "stopped" if reason.startswith("closespider") else "failed")


class StoreError(RuntimeError):
    """A batch could not be written; it was rolled back whole."""


class StorePipeline:
    def __init__(self, db_url: str, batch_size: int, stats, run_kind: str, run_args: dict, *,
                 threaded: bool = False, write_queue: int = 4, write_delay: float = 0.0,
                 flush_seconds: float = 30.0, crawler=None):
        # crawler: set when Scrapy's engine runs us (the run is finished from its spider_closed
        # signal, which knows the reason); None under newscrawl.ingest.
        self.db_url = db_url
        self.batch_size = max(1, batch_size)
        self.stats = stats
        self.run_kind = run_kind
        self.run_args = run_args
        self.threaded = threaded
        self.write_queue = max(1, write_queue)
        self.write_delay = write_delay
        # A polite crawl may take many minutes to fill a batch: write at least this often, so a
        # killed crawl loses little and the database shows progress.
        self.flush_seconds = flush_seconds
        self.last_flush = time.monotonic()
        self.crawler = crawler
        self.batch: list = []
        self.store: Store | None = None
        self.run_id: int | None = None
        self.pending: deque[Future] = deque()
        self.executor: ThreadPoolExecutor | None = None
        self.failure: BaseException | None = None
        self.waiting = 0  # items held back by backpressure
        self.wait_started = 0.0

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        # newscrawl.ingest builds pipelines from a stand-in without signals: no engine, no reactor.
        signals = getattr(crawler, "signals", None)
        pipe = cls(s.get("NEWSCRAWL_DB"), s.getint("NEWSCRAWL_BATCH_SIZE", 500), crawler.stats,
                   s.get("NEWSCRAWL_RUN_KIND", "crawl"), s.getdict("NEWSCRAWL_RUN_ARGS"),
                   threaded=signals is not None and s.getbool("NEWSCRAWL_WRITE_THREAD", True),
                   write_queue=s.getint("NEWSCRAWL_WRITE_QUEUE", 4),
                   write_delay=s.getfloat("NEWSCRAWL_WRITE_DELAY", 0.0),
                   flush_seconds=s.getfloat("NEWSCRAWL_FLUSH_SECONDS", 30.0),
                   crawler=crawler if signals is not None else None)
        if signals is not None:
            from scrapy import signals as scrapy_signals

            signals.connect(pipe.spider_closed, signal=scrapy_signals.spider_closed)
        return pipe

    def open_spider(self):
        self.store = Store(self.db_url)
        self.store.create_schema()
        # A crawl's spider adds what it was asked to crawl (scrapy crawl news -a ...).
        spider_args = getattr(getattr(self.crawler, "spider", None), "run_args", None) or {}
        self.run_id = self.store.start_run(self.run_kind, {**spider_args, **self.run_args})
        self.stats.set_value("newscrawl/run_id", self.run_id)
        if self.threaded:
            self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newscrawl-store")

    def process_item(self, item):
        if self.failure is not None:
            raise StoreError(f"the database failed earlier: {self.failure}")
        self.batch.append(item)
        if len(self.batch) >= self.batch_size or time.monotonic() - self.last_flush >= self.flush_seconds:
            self.flush()
        if self.executor is not None:
            self._collect()
            if len(self.pending) > self.write_queue:
                return self._backpressure(item)
        return item

    def flush(self) -> None:
        self.last_flush = time.monotonic()
        if not self.batch:
            return
        batch, self.batch = self.batch, []
        if self.executor is not None:
            self.pending.append(self.executor.submit(self._write, batch))
        else:
            outcomes = self._write(batch)
            self.stats.inc_value("newscrawl/store/wait_seconds", outcomes[WRITE_SECONDS])
            self._count(outcomes)

    def _write(self, batch: list) -> Counter:
        """Write one batch (in the worker thread when crawling): articles, then page records, in one transaction."""
        started = time.monotonic()
        if self.write_delay:
            time.sleep(self.write_delay)  # NEWSCRAWL_WRITE_DELAY: a slow database, for tests and benchmarks
        items = [i for i in batch if not isinstance(i, PageRecord)]
        records = [i for i in batch if isinstance(i, PageRecord)]
        try:
            outcomes = self.store.write_batch(items, self.run_id, records)
        except Exception as exc:
            self.store.forget_ids()
            # The driver's own words; SQLAlchemy's message would add the statement and every
            # parameter of the batch.
            cause = getattr(exc, "orig", None) or exc
            raise StoreError(f"could not write {len(batch)} items to the database: "
                             f"{type(cause).__name__}: {cause}") from exc
        logger.debug("stored %d items and %d page records: %s", len(items), len(records), dict(outcomes))
        outcomes[WRITE_SECONDS] = time.monotonic() - started
        return outcomes

    def _count(self, outcomes: Counter) -> None:
        self.stats.inc_value("newscrawl/store/write_seconds", outcomes.pop(WRITE_SECONDS, 0.0))
        for outcome, count in outcomes.items():
            group = "dedupe" if outcome in DEDUPE_OUTCOMES else "store"
            self.stats.inc_value(f"newscrawl/{group}/{outcome.replace('/', '_')}", count)

    def _collect(self) -> None:
        """Count the outcomes of finished batches, in order, in the crawl's own thread."""
        while self.pending and self.pending[0].done():
            future = self.pending.popleft()
            try:
                self._count(future.result())
            except StoreError as exc:
                self._fail(exc)
                raise

    def _fail(self, exc: BaseException) -> None:
        if self.failure is not None:
            return
        self.failure = exc
        self.stats.inc_value("newscrawl/errors/store")
        logger.error("%s; stopping the crawl", exc)
        if self.crawler is not None and self.crawler.engine is not None:
            from scrapy.utils.defer import deferred_from_coro

            deferred_from_coro(self.crawler.engine.close_spider_async(reason="store_failed"))

    async def _backpressure(self, item):
        # Wall-clock time during which items wait for the database (many may wait at once):
        # ~0 while writes keep up with fetching.
        self.waiting += 1
        if self.waiting == 1:
            self.wait_started = time.monotonic()
        try:
            await _wait(self.pending[0])
        finally:
            self.waiting -= 1
            if self.waiting == 0:
                self.stats.inc_value("newscrawl/store/wait_seconds", time.monotonic() - self.wait_started)
        self._collect()
        return item

    def close_spider(self):
        if self.store is None:
            return None
        if self.crawler is not None:
            return self._close_crawl()
        # newscrawl.ingest: it has set finish_reason before closing the pipelines.
        reason = self.stats.get_value("finish_reason") or "finished"
        try:
            self.flush()
        except Exception:
            reason = "failed"
            raise
        finally:
            self._finish(reason)
        return None

    async def _close_crawl(self):
        try:
            self.flush()
        except StoreError as exc:
            self._fail(exc)
        while self.pending:
            await _wait(self.pending[0])
            try:
                self._collect()
            except StoreError:
                pass  # counted and logged; the run is recorded as failed

    def spider_closed(self, spider, reason):
        """Scrapy sends the finish reason only after the pipelines have closed: the runs row now."""
        if self.store is None:
            return
        if self.run_id is None:  # the database failed before the run began
            self.store.close()
            self.store = None
            return
        if self.failure is not None:
            # Scrapy keeps its first reason when the last write fails while the spider closes;
            # the crawl's result must say what the runs row says.
            reason = "store_failed"
            self.stats.set_value("finish_reason", reason)
        self._finish(reason)

    def _finish(self, reason: str) -> None:
        status = run_status(reason)
        stats = {k: v for k, v in self.stats.get_stats().items() if k != "newscrawl/run_id"}
        stats["finish_reason"] = reason
        try:
            self.store.finish_run(self.run_id, status, stats)
        finally:
            if self.executor is not None:
                self.executor.shutdown(wait=True)
            self.store.close()
            self.store = None


async def _wait(future: Future) -> None:
    """Wait for a write without blocking the event loop (Scrapy's default asyncio reactor)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        future.exception()  # no event loop (another reactor): block; rare and still correct
        return
    waited = asyncio.wrap_future(future)
    await asyncio.wait([waited])
    if not waited.cancelled():
        waited.exception()  # read here, or asyncio logs it as never retrieved; _collect raises it
