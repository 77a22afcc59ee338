"""Several crawl processes on one Redis queue (scrapy-redis), turned on by NEWSCRAWL_REDIS_URL.

scrapy-redis gives the shared request queue and duplicate filter. What it leaves open, and this
module settles, is where one crawl ends and the next begins:
- keys: one queue and one duplicate filter per crawl target (the hosts crawled), under
  NEWSCRAWL_REDIS_KEY, so crawls of different sites never share a queue;
- a new run: the first worker to open while no other worker is alive starts afresh (empties the
  queue and the duplicate filter), so the next run is not filtered by the last one's fingerprints.
  Workers are alive while they refresh their entry in a sorted set; a killed worker's entry goes
  stale after NEWSCRAWL_REDIS_WORKER_TTL seconds;
- the end: a worker whose queue stays empty for NEWSCRAWL_REDIS_IDLE seconds stops; while idle
  it looks at the queue every POLL_SECONDS, so work another worker adds is taken up at once.
Requests a killed worker had popped are lost from the queue (scrapy-redis does not acknowledge);
the fetch log's frontier (pipelines/storage/pages.py) has them, and the next run fetches them.
"""

from __future__ import annotations

import logging
import time
import uuid

from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.utils.misc import load_object
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

logger = logging.getLogger(__name__)

SCHEDULER = "newscrawl.distributed.RedisScheduler"
POLL_SECONDS = 0.5  # how often an idle worker looks at the queue

# Atomic, so two workers starting together cannot both start a run (or one empty the other's queue).
# KEYS: workers, queue, dupefilter; ARGV: worker id, ttl. Returns 1 when this worker starts a new run.
_JOIN = """
local now = redis.call('TIME')[1]
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ARGV[2])
local fresh = redis.call('ZCARD', KEYS[1]) == 0
if fresh then redis.call('DEL', KEYS[2], KEYS[3]) end
redis.call('ZADD', KEYS[1], now, ARGV[1])
return fresh and 1 or 0
"""
_BEAT = "redis.call('ZADD', KEYS[1], redis.call('TIME')[1], ARGV[1])"
# The last worker out removes the run's keys (a run stopped by --max-pages leaves its queue to the
# next run's start, which empties it anyway).
_LEAVE = """
local now = redis.call('TIME')[1]
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ARGV[2])
if redis.call('ZCARD', KEYS[1]) == 0 then redis.call('DEL', KEYS[1], KEYS[2], KEYS[3]) return 1 end
return 0
"""


def redis_settings(url: str) -> dict:
    """The Scrapy settings of a crawl on the shared queue at url."""
    return {
        "SCHEDULER": SCHEDULER,
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "REDIS_URL": url,
        # Never empty the queue when one worker closes: the others are still working on it.
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",  # pops without blocking the reactor
        "SCHEDULER_IDLE_BEFORE_CLOSE": 0,
    }


def queue_prefix(settings, hosts) -> str:
    """The keys' prefix: NEWSCRAWL_REDIS_KEY and the crawl's hosts."""
    return f"{settings.get('NEWSCRAWL_REDIS_KEY') or 'newscrawl'}:{'+'.join(sorted(hosts))}"


class RedisScheduler(Scheduler):
    """scrapy-redis's scheduler, with per-target keys, runs and an idle timeout (see above)."""

    @classmethod
    def from_crawler(cls, crawler):
        scheduler = super().from_crawler(crawler)
        settings = crawler.settings
        scheduler.crawler = crawler
        scheduler.idle_seconds = settings.getfloat("NEWSCRAWL_REDIS_IDLE", 10.0)
        scheduler.ttl = max(1, settings.getint("NEWSCRAWL_REDIS_WORKER_TTL", 30))
        scheduler.worker = uuid.uuid4().hex[:12]
        scheduler.idle_since = None
        scheduler.beat = scheduler.poll = None
        scheduler.stopping = False
        scheduler.woken = []  # requests an idle worker took from the queue and handed to the engine
        crawler.signals.connect(scheduler.on_idle, signal=signals.spider_idle)
        return scheduler

    def open(self, spider):
        prefix = queue_prefix(self.crawler.settings, spider.hosts)
        self.queue_key = f"{prefix}:requests"
        self.dupefilter_key = f"{prefix}:dupefilter"
        self.workers_key = f"{prefix}:workers"
        self.df = RFPDupeFilter(self.server, key=self.dupefilter_key,
                                debug=self.crawler.settings.getbool("DUPEFILTER_DEBUG"))
        keys = [self.workers_key, self.queue_key, self.dupefilter_key]
        fresh = self.server.register_script(_JOIN)(keys=keys, args=[self.worker, self.ttl])
        self.stats.set_value("newscrawl/redis/new_run", bool(fresh))
        logger.info("redis queue %s: %s as worker %s", self.queue_key,
                    "new run" if fresh else "joined the running crawl", self.worker)
        self._beat_script = self.server.register_script(_BEAT)
        self.beat = task.LoopingCall(self._beat)
        self.beat.start(self.ttl / 3, now=False)
        self.poll = task.LoopingCall(self._poll)
        self.poll.start(POLL_SECONDS, now=False)
        # Not super().open(): it flushes on SCHEDULER_FLUSH_ON_START, which _JOIN replaces (a joining
        # worker must not empty the others' queue), and it announces a queue it joins through
        # spider.log(), which Scrapy 2.19 deprecates.
        self.spider = spider
        self.queue = load_object(self.queue_cls)(server=self.server, spider=spider, key=self.queue_key,
                                                 serializer=self.serializer)

    def _beat(self) -> None:
        try:
            self._beat_script(keys=[self.workers_key], args=[self.worker])
        except Exception as exc:  # a Redis hiccup must not kill the loop; the next beat may succeed
            logger.warning("redis heartbeat failed: %s", exc)

    def _poll(self) -> None:
        """An idle worker looks at the queue often, not only on the engine's heartbeat (5 s):
        a request found is handed to the engine with engine.crawl, which wakes it; enqueue_request
        then keeps that request here instead of pushing it back."""
        if self.idle_since is None or self.woken or self.stopping:
            return
        try:
            request = self.queue.pop(0)
        except Exception as exc:
            logger.warning("redis queue poll failed: %s", exc)
            return
        if request is not None:
            self.woken.append(request)
            self.crawler.engine.crawl(request)

    def close(self, reason):
        for loop in (self.beat, self.poll):
            if loop is not None and loop.running:
                loop.stop()
        keys = [self.workers_key, self.queue_key, self.dupefilter_key]
        self.server.register_script(_LEAVE)(keys=keys, args=[self.worker, self.ttl])
        return super().close(reason)

    # scrapy-redis's own enqueue/next pass spider= to the stats, which Scrapy 2.19 deprecates.
    def enqueue_request(self, request):
        if any(request is r for r in self.woken):
            return True  # taken from the queue by _poll: already counted and filtered
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self):
        request = self.woken.pop(0) if self.woken else self.queue.pop(0)
        if request is not None:
            self.stats.inc_value("scheduler/dequeued/redis")
            self.idle_since = None
        return request

    def has_pending_requests(self):
        return bool(self.woken) or super().has_pending_requests()

    def on_idle(self, spider):
        """Wait a while on an empty queue (another worker may still add to it), then stop."""
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        if now - self.idle_since < self.idle_seconds:
            raise DontCloseSpider
        self.stopping = True  # no more polling: a request handed to a closing engine would be lost
