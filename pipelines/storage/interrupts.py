"""Ctrl-C and SIGTERM wait until the database transaction in progress has ended.

A KeyboardInterrupt raised inside a write can leave SQLite's write lock with a connection that
the traceback keeps alive; the run's closing bookkeeping (flush the last batch, record the run)
then waits on that lock for the whole busy timeout. Held back, the signal is delivered to the
handler that was in place as soon as the transaction has committed or rolled back.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def interrupts_held() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach the main thread only: nothing to hold back in a writer thread
        return
    caught: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, _frame: caught.append(signum)) for sig in SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if caught:
            _deliver(caught[0], previous[caught[0]])


def _deliver(signum: int, handler) -> None:
    if callable(handler):
        handler(signum, None)  # Python's own SIGINT handler raises KeyboardInterrupt here
    elif handler == signal.SIG_DFL:
        signal.raise_signal(signum)
