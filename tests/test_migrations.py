"""Alembic owns the schema: a new database is made by the migrations and matches the models; a
database at an older or an unknown revision is refused by writers and readers alike; downgrades
keep the rows; the scripts are found when the package is imported from a zip (a scrapyd egg)."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

import pipelines.storage.pages  # noqa: F401  (the fetch log's table joins the models' metadata)
from newscrawl import report
from pipelines.storage import migrations
from pipelines.storage.engine import open_engine
from pipelines.storage.models import Base
from pipelines.storage.store import Store
from tests.conftest import LISTING_AND_PAGES, ROOT
from tests.helpers import content, exported, run_import

UPGRADE = "newscrawl db upgrade --db"


def _not_search(obj, name, type_, reflected, compare_to):
    """The full-text objects live only in the migrations (raw SQL per backend), not in the models."""
    if type_ == "table":
        return not (name.startswith("articles_fts") or name == "alembic_version")
    return not (name in ("search", "ix_articles_search"))


def test_new_database_is_made_by_the_migrations_and_matches_the_models(db_url):
    store = Store(db_url)
    store.create_schema()
    with store.engine.connect() as conn:
        assert migrations.current(conn) == migrations.head()
        context = MigrationContext.configure(conn, opts={"include_object": _not_search, "compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    store.create_schema()  # at head: nothing to do
    store.close()


def _at(url: str, revision: str):
    engine = open_engine(url)
    with engine.begin() as conn:
        command.upgrade(migrations.alembic_config(conn), revision)
    return engine


def test_older_revision_is_refused_by_every_verb_until_upgraded(db_url):
    engine = _at(db_url, "0002_modified_description")
    with pytest.raises(migrations.SchemaError, match="at schema revision 0002_modified_description") as refused:
        Store(engine).create_schema()
    assert f"{UPGRADE} {engine.url.render_as_string(hide_password=True)}" in str(refused.value)
    for read in (lambda: report.database_summary(db_url), lambda: report.runs_table(db_url, 5),
                 lambda: report.search_hits(db_url, sys.stdout, "china")):
        with pytest.raises(migrations.SchemaError, match=UPGRADE):
            read()

    assert migrations.upgrade(engine) == ("0002_modified_description", migrations.head())
    engine.dispose()
    assert run_import(db_url, LISTING_AND_PAGES).ok
    assert "15 articles" in report.database_summary(db_url)


def test_revision_newer_than_the_code_is_refused(db_url):
    run_import(db_url, LISTING_AND_PAGES)
    engine = open_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    for attempt in (Store(engine).create_schema, lambda: migrations.check_schema(engine),
                    lambda: migrations.upgrade(engine)):
        with pytest.raises(migrations.SchemaError, match="made by a newer newscrawl"):
            attempt()
    engine.dispose()


def test_downgrade_keeps_the_rows_and_upgrade_restores_the_rest(db_url):
    run_import(db_url, LISTING_AND_PAGES)
    before = exported(db_url)
    engine = open_engine(db_url)
    with engine.begin() as conn:
        command.downgrade(migrations.alembic_config(conn), "0001_baseline")
        assert conn.execute(text("SELECT count(*) FROM articles")).scalar_one() == len(before)
    assert migrations.upgrade(engine) == ("0001_baseline", migrations.head())
    engine.dispose()
    # modified_at and description went with their columns; the seeds have none, so nothing differs.
    assert content(exported(db_url)) == content(before)


def test_migrations_are_found_when_the_package_is_imported_from_a_zip(tmp_path):
    egg = tmp_path / "newscrawl.egg"
    with zipfile.ZipFile(egg, "w") as zf:
        for path in (ROOT / "pipelines").rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                zf.write(path, path.relative_to(ROOT))
    db = tmp_path / "egg.db"
    code = (f"import sys; sys.path.insert(0, {str(egg)!r})\n"
            "import pipelines, sqlite3\n"
            f"assert pipelines.__file__.startswith({str(egg)!r}), pipelines.__file__\n"
            "from pipelines.storage.store import Store\n"
            f"Store('sqlite:///{db}').create_schema()\n"
            f"print(sqlite3.connect({str(db)!r}).execute('select version_num from alembic_version').fetchone()[0])\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == migrations.head()
    assert Path(migrations.alembic_config().get_main_option("script_location")).is_dir()


def test_crawl_pipeline_refuses_an_old_database_at_open(db_url):
    """A crawl stores through StorePipeline, whose open_spider goes through the same check."""
    from types import SimpleNamespace

    from scrapy.settings import Settings
    from scrapy.statscollectors import MemoryStatsCollector

    from pipelines.storage.pipeline import StorePipeline

    _at(db_url, "0003_search").dispose()
    settings = Settings({"NEWSCRAWL_DB": db_url, "NEWSCRAWL_RUN_KIND": "crawl"})
    pipe = StorePipeline.from_crawler(SimpleNamespace(settings=settings,
                                                      stats=MemoryStatsCollector(SimpleNamespace(settings=settings))))
    with pytest.raises(migrations.SchemaError, match=f"at schema revision 0003_search; .*{UPGRADE}"):
        pipe.open_spider()


def test_database_made_by_create_all_with_the_fetch_log_is_adopted(db_url):
    """Development databases of the last days: create_all of every model, fetch log included."""
    engine = open_engine(db_url)
    Base.metadata.create_all(engine)
    with pytest.raises(migrations.SchemaError, match="made before schema migrations"):
        migrations.check_schema(engine)
    assert migrations.upgrade(engine) == (None, migrations.head())
    migrations.check_schema(engine)
    engine.dispose()
    assert run_import(db_url, LISTING_AND_PAGES).ok
