"""Publication-date normalization with the source's conventions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Published:
    value: datetime | None = None
    precision: str | None = None
    raw: str | None = None
    origin: str | None = None


def parse_published(raw, *, day_first=False, tz=None, now=None, origin=None, languages=None) -> Published:
    raise NotImplementedError
