"""Datasette opens an imported SQLite database as it is: it finds the full-text index of articles
(?_search= answers what `newscrawl search` answers), and the view with authors and categories."""

import json
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from pipelines.storage.engine import open_engine
from pipelines.storage.search import search
from tests.conftest import SEEDS
from tests.helpers import exported, run_import


@pytest.fixture
def datasette(tmp_path):
    db = tmp_path / "news.db"
    assert run_import(f"sqlite:///{db}", SEEDS).ok
    datasette = Path(sys.executable).with_name("datasette")
    server = subprocess.Popen([str(datasette), "serve", str(db), "-h", "127.0.0.1", "-p", "0"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        for line in server.stderr:  # uvicorn says where it listens once it does
            if found := re.search(r"running on (http://127\.0\.0\.1:\d+)", line):
                break
        else:
            pytest.fail(f"datasette did not start (exit status {server.wait()})")
        yield found.group(1), f"sqlite:///{db}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def get(url: str, path: str, **params) -> dict | list:
    with urllib.request.urlopen(f"{url}/{path}?{urllib.parse.urlencode(params)}", timeout=30) as answer:
        return json.load(answer)


@pytest.mark.parametrize("query", ["taklimakan", "wind turbines", "belt road"])
def test_search_through_datasette_finds_what_newscrawl_finds(datasette, query):
    url, db = datasette
    rows = get(url, "news/articles.json", _search=query, _shape="array", _col="id", _size="max")
    engine = open_engine(db)
    ours = {hit["id"] for hit in search(engine, query, limit=1000)}
    engine.dispose()
    assert ours and {row["id"] for row in rows} == ours


def test_datasette_detects_the_full_text_table(datasette):
    url, _ = datasette
    tables = {t["name"]: t for t in get(url, "news.json")["tables"]}
    assert tables["articles"]["fts_table"] == "articles_fts"
    assert tables["articles_fts"]["hidden"]  # the index itself is not listed for browsing


def test_view_folds_authors_and_categories(datasette):
    url, db = datasette
    rows = {row["id"]: row for row in get(url, "news/articles_view.json", _shape="array", _size="max")}
    records = exported(db)
    assert len(rows) == len(records)
    for record in records:
        row = rows[record["id"]]
        assert (row["authors"] or "") == "; ".join(record["authors"])
        assert (row["categories"] or "") == "; ".join(record["categories"])
        assert (row["title"], row["status"], row["body"]) == (record["title"], record["status"], record["body"])
    count = get(url, "news.json", sql="select count(*) as n from articles where status = 'full'", _shape="array")
    assert count == [{"n": sum(r["status"] == "full" for r in records)}]
