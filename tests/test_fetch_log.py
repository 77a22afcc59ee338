"""The fetch log (pipelines/storage/pages.py) on both backends: failures in a row, kept validators."""

from __future__ import annotations

from datetime import datetime, timezone

from pipelines.storage.engine import create_schema, open_engine
from pipelines.storage.pages import PageRecord, load_pages, write_pages

URL = "https://news.example/2024/05/01/story/"
AT = datetime(2024, 5, 1, tzinfo=timezone.utc)


def _write(engine, *records: PageRecord) -> None:
    with engine.begin() as conn:
        write_pages(conn, list(records), None)


def test_failures_count_in_a_row_and_a_good_fetch_resets_them(db_url):
    engine = open_engine(db_url)
    create_schema(engine)
    failed = PageRecord(URL, "news.example", "article", status=500, error="http_500", fetched_at=AT)
    _write(engine, PageRecord("https://news.example/", "news.example", "listing", status=200, etag='"v1"',
                              fetched_at=AT, discovered=[URL]))
    assert load_pages(engine, {"news.example"})[URL].failures == 0  # found, not fetched yet
    _write(engine, failed)
    _write(engine, failed)
    state = load_pages(engine, {"news.example"})[URL]
    assert (state.status, state.error, state.failures) == (500, "http_500", 2)
    _write(engine, PageRecord(URL, "news.example", "article", status=200, fetched_at=AT))
    state = load_pages(engine, {"news.example"})[URL]
    assert (state.status, state.error, state.failures) == (200, None, 0)
    # A failed fetch of the listing keeps the validators the last good one brought.
    _write(engine, PageRecord("https://news.example/", "news.example", "listing", status=503, error="http_503"))
    listing = load_pages(engine, {"news.example"})["https://news.example/"]
    assert (listing.etag, listing.failures) == ('"v1"', 1)
    engine.dispose()


def test_a_batch_of_page_records_only_is_written(db_url):
    """A crawl's last batch may hold no items, only the fetch-log records of pages that gave none."""
    from pipelines.storage.store import Store

    store = Store(db_url)
    store.create_schema()
    run_id = store.start_run("crawl", {})
    assert store.write_batch([], run_id, [PageRecord(URL, "news.example", "article", status=404,
                                                      error="http_404", fetched_at=AT)]) == {}
    assert load_pages(store.engine, {"news.example"})[URL].status == 404
    store.close()
