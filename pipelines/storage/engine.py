"""Engines for SQLite and PostgreSQL, with the settings each needs for safe concurrent writes."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError

WRITE = {"newscrawl_write": True}  # execution option: this connection's transactions write


class DatabaseError(Exception):
    pass


def open_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"{url!r} is not a database URL (try sqlite:///newscrawl.db)") from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3, not the psycopg2 default
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed, connect_args={"timeout": 60})
        _configure_sqlite(engine)
    else:
        engine = create_engine(parsed, pool_pre_ping=True)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        # Take transaction control from pysqlite so "begin" below decides how each one starts.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Connection):
        # A deferred transaction that reads and then writes fails with "database is locked"
        # when another writer got in between; writers take the lock up front instead.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("newscrawl_write") else "BEGIN")


def create_schema(engine: Engine) -> None:
    """Create an empty database at the current schema; refuse (SchemaError) one at another revision."""
    from pipelines.storage.migrations import ensure_schema  # imported here: migrations import this module

    ensure_schema(engine)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(value: datetime | None) -> datetime | None:
    """Stored stamps are UTC; SQLite hands them back without the offset."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value
