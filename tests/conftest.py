"""Shared fixtures: a real database per backend, and the seed dumps."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds" / "dumps"
LISTING_AND_PAGES = SEEDS / "000_a89b419d79622ceb.txt"
DAY_FIRST_LISTING = SEEDS / "001_d5245b978d6f0999.txt"
PG_ADMIN = os.environ.get("NEWSCRAWL_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def _postgres_or_skip():
    """An admin connection to PostgreSQL; in CI a missing server fails instead of skipping."""
    import psycopg

    conninfo = PG_ADMIN.replace("postgresql+psycopg://", "postgresql://")
    try:
        return psycopg.connect(conninfo, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI and not reachable at {PG_ADMIN}: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN} (set NEWSCRAWL_TEST_PG): {exc}")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty database on each backend; PostgreSQL ones are created and dropped here."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    admin = _postgres_or_skip()
    name = f"newscrawl_test_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'reference.db'}"
