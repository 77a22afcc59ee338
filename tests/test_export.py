"""Export: CSV carries the same records as JSON Lines; the search filters pick the same articles in
an export; the export pages through the table (keyset) and gives every article once."""

import csv
import io
import json
from datetime import date

import pytest

from newscrawl import report
from newscrawl.cli import main
from pipelines.storage import queries
from pipelines.storage.engine import open_engine
from pipelines.storage.queries import Filters, export_records
from tests.conftest import SEEDS
from tests.helpers import exported, run_import
from tests.test_search import _matches


@pytest.fixture
def imported(db_url):
    assert run_import(db_url, SEEDS).ok
    return db_url


def _csv(db_url: str, *args) -> list[dict]:
    out = io.StringIO(newline="")
    report.export(db_url, out, "csv", *args)
    return list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))


def test_csv_has_the_jsonl_records(imported):
    records = exported(imported)
    rows = _csv(imported)
    assert len(rows) == len(records)
    for record, row in zip(records, rows):
        assert list(row) == list(record)
        for key, value in record.items():
            expected = "; ".join(value) if isinstance(value, list) else "" if value is None else str(value)
            assert row[key] == expected, key
    assert any("\n\n" in row["body"] for row in rows)  # paragraphs survive inside quoted cells


@pytest.mark.parametrize("filters", [Filters(status="teaser"), Filters(author="zhang"),
                                     Filters(since=date(2023, 10, 20)), Filters(until=date(2023, 10, 16)),
                                     Filters(outlet="PEOPLE'S DAILY", status="full")])
def test_filters_pick_what_the_record_says(imported, filters):
    records = exported(imported)
    engine = open_engine(imported)
    picked = [r["id"] for r in export_records(engine, filters)]
    engine.dispose()
    assert picked == [r["id"] for r in records if _matches(r, filters)]
    assert 0 < len(picked) < len(records)
    assert [int(row["id"]) for row in _csv(imported, filters)] == picked


def test_export_pages_through_every_article_once(imported, monkeypatch):
    everything = exported(imported)
    monkeypatch.setattr(queries, "PAGE", 4)  # many pages, the last one partial
    assert exported(imported) == everything
    engine = open_engine(imported)
    teasers = list(export_records(engine, Filters(status="teaser")))
    engine.dispose()
    assert teasers == [r for r in everything if r["status"] == "teaser"]


def test_export_command_csv_with_filters(imported, tmp_path, capsys):
    out = tmp_path / "teasers.csv"
    assert main(["export", "--db", imported, "--format", "csv", "--status", "teaser", "--since", "2023-10-01",
                 "-o", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert rows and all(r["status"] == "teaser" and r["published_at"] >= "2023-10-01" for r in rows)
    assert f"wrote {len(rows)} articles" in capsys.readouterr().err
    assert main(["export", "--db", imported, "--author", "cui yan"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["authors"] == ["Cui Yan"]
