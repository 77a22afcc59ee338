"""A database made by an earlier version keeps working: new nullable columns are added."""

from sqlalchemy import inspect

from pipelines.storage.engine import open_engine
from tests.conftest import LISTING_AND_PAGES
from tests.helpers import exported, run_import


def test_database_without_the_new_columns_is_upgraded_in_place(db_url):
    run_import(db_url, LISTING_AND_PAGES)
    before = exported(db_url)
    engine = open_engine(db_url)
    with engine.begin() as conn:
        for column in ("modified_at", "description"):
            conn.exec_driver_sql(f"ALTER TABLE articles DROP COLUMN {column}")
    assert "description" not in {c["name"] for c in inspect(engine).get_columns("articles")}
    engine.dispose()

    again = run_import(db_url, LISTING_AND_PAGES)
    assert again.ok and again.stats["newscrawl/store/unchanged"] == 25
    engine = open_engine(db_url)
    assert {"modified_at", "description"} <= {c["name"] for c in inspect(engine).get_columns("articles")}
    engine.dispose()
    assert [r["id"] for r in exported(db_url)] == [r["id"] for r in before]
