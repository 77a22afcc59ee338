"""A database made by the first released newscrawl (no migrations yet), with data in it: every verb
refuses it with a message naming `newscrawl db upgrade`; the upgrade keeps every row; then it works."""

import re
import subprocess
import sys
from pathlib import Path

from alembic import command
from sqlalchemy import MetaData, select, text

from pipelines.storage.engine import as_utc, open_engine
from pipelines.storage.migrations import alembic_config, head
from tests.conftest import LISTING_AND_PAGES, SEEDS
from tests.helpers import exported, run_import

TABLES = ("runs", "articles", "authors", "categories", "article_authors", "article_categories", "sightings")


def newscrawl(*args):
    return subprocess.run([sys.executable, "-m", "newscrawl.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def released_database(url: str, source_url: str) -> None:
    """At `url`, the first released schema (revision 0001's tables, made by create_all, so no
    alembic_version), holding the rows of the database at `source_url`."""
    target = open_engine(url)
    with target.begin() as conn:
        command.upgrade(alembic_config(conn), "0001_baseline")
        conn.execute(text("DROP TABLE alembic_version"))
    old, new = MetaData(), MetaData()
    old.reflect(target)
    source = open_engine(source_url)
    new.reflect(source)
    with source.connect() as src, target.begin() as dst:
        for name in TABLES:
            keep = [c.name for c in old.tables[name].columns]
            rows = [{k: as_utc(v) if k.endswith(("_at", "_seen")) else v for k, v in row.items()}
                    for row in src.execute(select(*[new.tables[name].c[k] for k in keep])).mappings()]
            if rows:
                dst.execute(old.tables[name].insert(), rows)
            if dst.dialect.name == "postgresql" and "id" in keep:  # explicit ids: move the sequence on
                dst.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))"))
    source.dispose()
    target.dispose()


def test_released_database_is_refused_then_upgraded_without_loss(db_url, sqlite_url):
    run_import(sqlite_url, LISTING_AND_PAGES)
    before = exported(sqlite_url)
    released_database(db_url, sqlite_url)

    for verb in (["import", LISTING_AND_PAGES], ["export"], ["stats"], ["runs"], ["search", "china"]):
        done = newscrawl(*verb, "--db", db_url)
        assert done.returncode == 2, (verb, done.stdout, done.stderr)
        assert "made before schema migrations" in done.stderr
        assert f"run `newscrawl db upgrade --db {db_url}`" in done.stderr

    done = newscrawl("db", "upgrade", "--db", db_url)
    assert done.returncode == 0, done.stderr
    assert f"to {head()}" in done.stdout
    assert exported(db_url) == before  # every article, author, category, source and stamp kept

    again = run_import(db_url, LISTING_AND_PAGES)
    assert again.ok and again.stats["newscrawl/store/unchanged"] == 25
    assert [r["id"] for r in exported(db_url)] == [r["id"] for r in before]
    # The full-text index was built over the rows that were there before it existed.
    hits = newscrawl("search", "--db", db_url, "--format", "jsonl", "Taklimakan")
    assert hits.returncode == 0 and "Taklimakan" in hits.stdout

    assert "already at schema revision" in newscrawl("db", "upgrade", "--db", db_url).stdout


DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_schema_doc_names_every_table_and_column(db_url):
    run_import(db_url, LISTING_AND_PAGES)
    engine = open_engine(db_url)
    found = MetaData()
    found.reflect(engine, views=True)
    engine.dispose()
    doc = (DOCS / "schema.md").read_text(encoding="utf-8")
    for table in found.tables.values():
        if table.name.startswith("articles_fts") or table.name == "alembic_version":
            continue
        assert f"## {table.name}" in doc or f"`{table.name}`" in doc, table.name
        for column in table.columns:
            assert f"`{column.name}`" in doc, f"{table.name}.{column.name}"


TEASER = "By Ann Lee, Daily Planet Early in the morning, the engineer uploaded data collected over the previous few […]\n"
PAGE = ("WorldBy Ann Lee, Daily Planet\n"
        "Early in the morning, the engineer uploaded data collected over the previous few days.\n"
        "Because every tile counts, she said.\n")


def test_example_queries_run_on_both_backends(db_url, tmp_path):
    (tmp_path / "listing.txt").write_text(TEASER, encoding="utf-8")
    (tmp_path / "page.txt").write_text(TEASER + PAGE, encoding="utf-8")
    run_import(db_url, LISTING_AND_PAGES, tmp_path / "listing.txt")  # run 1
    # run 2: one dump read again, one new, and the page of a teaser stored by run 1
    run_import(db_url, SEEDS, tmp_path / "page.txt")
    backend = db_url.split(":")[0].split("+")[0]
    blocks = re.findall(r"```sql( \w+)?\n(.*?)```", (DOCS / "queries.md").read_text(encoding="utf-8"), re.S)
    ran = 0
    engine = open_engine(db_url)
    with engine.connect() as conn:
        for only, sql in blocks:
            if only.strip() in ("", backend):
                rows = conn.exec_driver_sql(sql.replace("%", "%%") if backend == "postgresql" else sql).all()
                assert rows, sql  # each example finds something in the seed data
                ran += 1
    engine.dispose()
    assert ran >= 10
