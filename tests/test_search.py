"""Full-text search on both backends: finds exactly the articles holding the words, ranks, marks the
matches in snippets, applies the export's filters, and reads any user input without syntax errors."""

import json
import subprocess
import sys

from datetime import date

import pytest

from pipelines.storage.engine import open_engine
from pipelines.storage.queries import Filters, name_key
from pipelines.storage.search import SearchError, fts5_query, search
from pipelines.text import words
from tests.conftest import SEEDS
from tests.helpers import exported, run_import

# Two articles by other authors: "flywheel" once in one, five times in the other.
PAGES = """\
By Ann Lee, Daily Planet Early in the morning, the engineer checked the flywheel data collected over the previous few […]
WorldBy Ann Lee, Daily Planet
Early in the morning, the engineer checked the flywheel data collected over the previous few days.
Because every tile counts, she said, the roof was cleaned before the inspectors arrived at noon.

By Bo Chen, Daily Planet The flywheel hall was loud: flywheel after flywheel turned while the crew walked past the […]
BusinessBy Bo Chen, Daily Planet
The flywheel hall was loud: flywheel after flywheel turned while the crew walked past the control room.
Each flywheel is checked twice a year, and the oldest flywheel will be replaced next spring.
"""


@pytest.fixture
def seeded(db_url, tmp_path):
    extra = tmp_path / "turbines.txt"
    extra.write_text(PAGES, encoding="utf-8")
    assert run_import(db_url, SEEDS, extra).ok
    engine = open_engine(db_url)
    yield engine, exported(db_url)
    engine.dispose()


def _text(record) -> str:
    return " ".join(filter(None, (record["title"], record["description"], record["teaser"], record["body"])))


@pytest.mark.parametrize("word", ["taklimakan", "flywheel", "turbines", "expo", "heritage"])
def test_finds_exactly_the_articles_holding_the_word(seeded, word):
    engine, records = seeded
    holding = {r["id"] for r in records if word in words(_text(r))}
    assert holding  # the word is in the data
    hits = list(search(engine, word, limit=1000))
    assert {h["id"] for h in hits} == holding
    assert [h["rank"] for h in hits] == list(range(1, len(hits) + 1))
    for hit in hits:
        assert f"**{word}**" in hit["snippet"].casefold()


def test_more_mentions_rank_higher_and_hits_carry_the_export_record(seeded):
    engine, records = seeded
    hits = list(search(engine, "flywheel"))
    assert [h["authors"] for h in hits] == [["Bo Chen"], ["Ann Lee"]]
    assert hits[0]["score"] != hits[1]["score"]
    by_id = {r["id"]: r for r in records}
    for hit in hits:
        assert {k: v for k, v in hit.items() if k not in ("rank", "score", "snippet")} == by_id[hit["id"]]


def _matches(record, f: Filters) -> bool:
    day = (record["published_at"] or "")[:10]
    return ((f.site is None or record["site"] == f.site)
            and (f.status is None or record["status"] == f.status)
            and (f.outlet is None or (record["outlet"] or "").lower() == f.outlet.lower())
            and (f.since is None or (day and day >= f.since.isoformat()))
            and (f.until is None or (day and day <= f.until.isoformat()))
            and (f.author is None or any(f" {name_key(f.author)} " in f" {name_key(a)} " for a in record["authors"])))


@pytest.mark.parametrize("filters", [
    Filters(author="cui"), Filters(author="ZHANG"), Filters(author="zhang bolan"), Filters(status="teaser"),
    Filters(status="full"), Filters(outlet="people's daily"), Filters(site="peoples-daily"), Filters(site="nosuch"),
    Filters(since=date(2023, 10, 16), until=date(2023, 10, 23)), Filters(since=date(2023, 10, 24)),
    Filters(author="zhang", status="teaser", since=date(2023, 10, 1)),
])
def test_filters_pick_the_same_articles_as_the_export_record_says(seeded, filters):
    engine, records = seeded
    everything = list(search(engine, "china OR flywheel", limit=1000))
    picked = [h["id"] for h in search(engine, "china OR flywheel", filters, limit=1000)]
    assert picked == [h["id"] for h in everything if _matches(h, filters)]


def test_each_filter_keeps_some_and_drops_some(seeded):
    engine, _ = seeded
    everything = {h["id"] for h in search(engine, "china OR flywheel", limit=1000)}
    for filters in (Filters(author="zhang"), Filters(status="teaser"), Filters(outlet="daily planet"),
                    Filters(site="peoples-daily"), Filters(since=date(2023, 10, 20), until=date(2023, 10, 23))):
        picked = {h["id"] for h in search(engine, "china OR flywheel", filters, limit=1000)}
        assert picked and picked < everything, filters


def test_phrases_alternatives_and_exclusions(seeded):
    engine, records = seeded
    ids = lambda q: {h["id"] for h in search(engine, q, limit=1000)}  # noqa: E731
    cui = next(r["id"] for r in records if r["authors"] == ["Cui Yan"])
    assert cui in ids('"coastal highways"')
    assert cui not in ids('"highways coastal"')
    assert cui in ids("china turbines") and cui not in ids("china -turbines")
    assert ids("taklimakan OR flywheel") == ids("taklimakan") | ids("flywheel")
    assert ids("flywheel -hall") == {r["id"] for r in records if r["authors"] == ["Ann Lee"]}
    assert len(ids("flywheel")) == 2
    assert ids("C++ (flywheel) AND: *") == set()  # punctuation is never an operator; all words must occur


def test_fts5_query_translation():
    assert fts5_query('wind "coastal highways" OR solar -coal') == '("wind" "coastal highways" OR "solar") NOT "coal"'
    assert fts5_query('say "hi" "unclosed') == '("say" "hi" "unclosed")'
    assert fts5_query('a""b') == '("a""""b")'
    for nothing in ("", "   ", "-coal", "OR", '""'):
        with pytest.raises(SearchError, match="nothing to search for"):
            fts5_query(nothing)


def test_search_command(seeded, db_url):
    run = lambda *a: subprocess.run([sys.executable, "-m", "newscrawl.cli", "search", "--db", db_url, *a],  # noqa: E731
                                    capture_output=True, text=True, timeout=120)
    text = run("flywheel")
    assert text.returncode == 0 and text.stdout.startswith("  1. ") and "Bo Chen" in text.stdout
    lines = run("flywheel", "--format", "jsonl", "--author", "ann lee").stdout.splitlines()
    assert [json.loads(line)["authors"] for line in lines] == [["Ann Lee"]]
    assert "no article matches" in run("zzzzqqq").stdout
    bad = run("--", "-flywheel")
    assert bad.returncode == 2 and "nothing to search for" in bad.stderr
    assert run("china", "--since", "2023-13-01").returncode == 2  # argparse: not a day
