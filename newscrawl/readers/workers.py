"""Extraction in worker processes: the pages of a reader stream come back as their items, in order.

The readers, the pipelines and the database stay in the importing process; only extract_page,
a pure function and most of an import's time, runs in the workers. At most WINDOW_PER_JOB
pages per worker are in flight, so memory stays flat however large the input.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

from newscrawl.readers.base import Options, RawPage

MAX_AUTO_JOBS = 4  # beyond this the single importing process (pipelines, database) is the limit
AUTO_START_AFTER = 64  # pages read in-process before an automatic pool starts: a small import never waits for one
WINDOW_PER_JOB = 8

logger = logging.getLogger(__name__)
_options: Options | None = None  # in a worker: the import's options, set once by _start_worker


def auto_jobs() -> int:
    """The CPUs this process may use, at most MAX_AUTO_JOBS."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_AUTO_JOBS))


class Extractor:
    """Turns the RawPages among reader records into their items, in the order read.

    jobs=1 extracts in this process. jobs>1 starts that many worker processes once
    `start_after` pages have been extracted here (0: at the first page).
    """

    def __init__(self, opts: Options, jobs: int = 1, *, start_after: int = 0):
        # A worker needs the sites to choose each page's conventions; the manifest stays here.
        self.opts = replace(opts, manifest=None)
        self.jobs = jobs
        self.start_after = start_after
        self.in_process = 0  # extracted in this process so far
        self.in_workers = 0  # ... and in the workers
        self._pool: ProcessPoolExecutor | None = None

    def records(self, stream: Iterable) -> Iterator:
        """`stream` with each RawPage replaced by what extract_page makes of it."""
        pending: deque[list | tuple[Future, RawPage]] = deque()
        window = WINDOW_PER_JOB * self.jobs
        for record in stream:
            if not isinstance(record, RawPage):
                pending.append([record])
            elif self._use_pool():
                try:
                    pending.append((self._pool.submit(_extract, record), record))
                except BrokenProcessPool as exc:
                    self._lost_worker(exc)
                    pending.append(self._here(record))
            else:
                pending.append(self._here(record))
            # Yield what is done in order; block only when the window is full.
            while pending and (isinstance(pending[0], list) or pending[0][0].done() or len(pending) > window):
                yield from self._done(pending.popleft())
        while pending:
            yield from self._done(pending.popleft())

    def _here(self, page: RawPage) -> list:
        from newscrawl.readers.html import extract_page  # imported on use: it loads the extractors

        self.in_process += 1
        return extract_page(page, self.opts)

    def _done(self, entry: list | tuple[Future, RawPage]) -> list:
        if isinstance(entry, list):
            return entry
        future, page = entry
        try:
            records = future.result()
        except (BrokenProcessPool, CancelledError) as exc:  # cancelled: by _lost_worker's shutdown
            self._lost_worker(exc)
            return self._here(page)
        self.in_workers += 1
        return records

    def _lost_worker(self, exc: BaseException) -> None:
        """A worker died (killed, out of memory): the pages in flight and all after them are
        extracted in this process, as with jobs=1."""
        if self._pool is not None:
            logger.warning("a page-extraction worker process died (%s); extracting in the importing process "
                           "from here on", exc)
            self.close()
        self.jobs = 1

    def close(self) -> None:
        """Stop the workers; pages still queued are dropped (after an interrupt), running ones finish."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _use_pool(self) -> bool:
        """Whether the next page goes to the workers, starting them when they are due."""
        if self._pool is not None:
            return True
        if self.jobs <= 1 or self.in_process < self.start_after:
            return False
        self._pool = ProcessPoolExecutor(self.jobs, mp_context=_context(), initializer=_start_worker,
                                         initargs=(self.opts,))
        return True


def _context():
    # Not fork: a forked worker would share the importing process's database connections.
    # The forkserver loads the extractors once, and each worker starts as a copy of it.
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["newscrawl.readers.html", "newscrawl.extract"])
        return ctx
    return multiprocessing.get_context("spawn")


def _start_worker(opts: Options) -> None:
    global _options
    _options = opts
    # Ctrl-C reaches the whole process group: the importing process alone decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A worker would wait for work forever if the importing process were killed (kill -9, OOM).
    threading.Thread(target=_exit_with_parent, daemon=True).start()


def _exit_with_parent() -> None:
    multiprocessing.connection.wait([multiprocessing.parent_process().sentinel])
    os._exit(1)


def _extract(page: RawPage) -> list:
    from newscrawl.readers.html import extract_page

    return extract_page(page, _options)
