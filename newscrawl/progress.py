"""A one-line progress display on stderr for long imports (bytes or records read, rate, time left)."""

from __future__ import annotations

import sys
import time


class Progress:
    REDRAW = 0.5  # seconds between redraws: cheap however often update() is called

    def __init__(self, total: int | None, label: str = "import", stream=sys.stderr, unit: str = "bytes"):
        self.total, self.label, self.stream = total, label, stream
        self.fmt = _mib if unit == "bytes" else _records
        self.done = 0
        self.started = self.drawn = time.monotonic()

    def update(self, amount: int) -> None:
        self.done += amount
        now = time.monotonic()
        if now - self.drawn >= self.REDRAW:
            self.drawn = now
            self._draw(now)

    def close(self) -> None:
        self._draw(time.monotonic())
        self.stream.write("\n")
        self.stream.flush()

    def _draw(self, now: float) -> None:
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        line = f"{self.label}: {self.fmt(self.done)}"
        if self.total:
            left = (self.total - self.done) / rate if rate else 0
            line += f" of {self.fmt(self.total)} ({100 * self.done / self.total:.0f}%), {left:.0f}s left"
        line += f", {self.fmt(rate)}/s"
        self.stream.write("\r" + line.ljust(72))
        self.stream.flush()


def _mib(n: float) -> str:
    return f"{n / 1048576:.1f} MiB"


def _records(n: float) -> str:
    return f"{n:,.0f} records"
