"""The schema's version: Alembic revisions in versions/, and the one check every verb goes through.

- ensure_schema(): writers (import, crawl). An empty database is created at head; any other must be
  at head already.
- check_schema(): readers (export, search, stats, runs). The database must exist and be at head.
- upgrade(): `newscrawl db upgrade`. Also adopts databases made before migrations existed
  (create_all, no alembic_version table) by recognising which revision they match.

Schema changes take a lock first (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL), so
several processes starting on one empty database create it once.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib.resources import files
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from pipelines.storage.engine import WRITE, DatabaseError
from pipelines.storage.interrupts import interrupts_held

SCHEMA_LOCK = 0x6E657773  # PostgreSQL advisory lock key ("news") taken for schema changes


class SchemaError(DatabaseError):
    """The database's schema does not match this version of newscrawl."""


@cache
def _script_location() -> str:
    here = Path(__file__).resolve().parent
    if (here / "versions").is_dir():
        return str(here)
    # Imported from a zip (a scrapyd egg): Alembic reads scripts from a folder, so copy them out.
    out = Path(tempfile.mkdtemp(prefix="newscrawl-migrations-"))
    atexit.register(shutil.rmtree, out, True)
    _copy_tree(files(__name__), out)
    return str(out)


def _copy_tree(source, target: Path) -> None:
    target.mkdir(exist_ok=True)
    for entry in source.iterdir():
        if entry.is_dir():
            _copy_tree(entry, target / entry.name)
        elif entry.name.endswith((".py", ".mako")):
            (target / entry.name).write_bytes(entry.read_bytes())


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration for our scripts; `connection` is the one migrations run on."""
    config = Config()
    config.set_main_option("script_location", _script_location())
    config.attributes["connection"] = connection
    return config


@cache
def head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    return {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current(conn: Connection) -> str | None:
    """The database's revision; None when it has no alembic_version table (empty or pre-migrations)."""
    return MigrationContext.configure(conn).get_current_revision()


def _name(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _state(conn: Connection) -> tuple[str | None, bool]:
    """(revision, has newscrawl tables)."""
    tables = set(inspect(conn).get_table_names())
    revision = current(conn) if "alembic_version" in tables else None
    return revision, "articles" in tables


def _problem(engine: Engine, revision: str | None, has_tables: bool) -> str | None:
    """Why this database cannot be used by this code, or None when it can."""
    db = _name(engine)
    if revision == head():
        return None
    if revision is None and not has_tables:
        return f"{db} holds no newscrawl database yet (run `newscrawl import` first)"
    if revision is None or revision in known_revisions():
        found = "made before schema migrations" if revision is None else f"at schema revision {revision}"
        return (f"the database {db} is {found}; this newscrawl needs revision {head()}: "
                f"run `newscrawl db upgrade --db {db}` (back it up first if you like)")
    return (f"the database {db} is at schema revision {revision}, which this newscrawl does not know "
            f"(it knows up to {head()}): it was made by a newer newscrawl; upgrade newscrawl to use it")


def check_schema(engine: Engine) -> None:
    """Readers: raise SchemaError unless the database exists and is at head."""
    with engine.connect() as conn:
        problem = _problem(engine, *_state(conn))
    if problem:
        raise SchemaError(problem)


def ensure_schema(engine: Engine) -> None:
    """Writers: create an empty database at head; refuse one at any other revision."""
    with engine.connect() as conn:
        revision, has_tables = _state(conn)
    if revision == head():
        return  # the usual case, without taking the lock
    if revision is None and not has_tables:
        with _locked(engine) as conn:
            revision, has_tables = _state(conn)  # another process may have made it meanwhile
            if revision is None and not has_tables:
                command.upgrade(alembic_config(conn), "head")
                return
    problem = _problem(engine, revision, has_tables)
    if problem:
        raise SchemaError(problem)


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the database to head; returns (revision before, revision after)."""
    with _locked(engine) as conn:
        before, has_tables = _state(conn)
        if before is not None and before not in known_revisions():
            raise SchemaError(_problem(engine, before, has_tables))
        if before is None and has_tables:
            # Made by create_all before migrations: the columns tell which revision it matches.
            columns = {c["name"] for c in inspect(conn).get_columns("articles")}
            command.stamp(alembic_config(conn), "0002_modified_description" if "description" in columns else "0001_baseline")
        command.upgrade(alembic_config(conn), "head")
        return before, current(conn)


@contextmanager
def _locked(engine: Engine) -> Iterator[Connection]:
    """A writing transaction holding the schema lock (SQLite: BEGIN IMMEDIATE); commits on success."""
    with interrupts_held(), engine.connect().execution_options(**WRITE) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
        yield conn
