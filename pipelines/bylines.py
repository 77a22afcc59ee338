"""Byline normalization: raw byline text -> person names, outlet, role, column."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Byline:
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    role: str | None = None
    column: str | None = None


def parse_byline(raw: str | None) -> Byline:
    raise NotImplementedError
