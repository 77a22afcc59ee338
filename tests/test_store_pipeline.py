"""StorePipeline writes a batch when it is full or when it has waited long enough."""

import signal
from types import SimpleNamespace

import pytest
from scrapy.statscollectors import MemoryStatsCollector
from sqlalchemy import event, select

from newscrawl.ingest import build_pipelines, project_settings
from newscrawl.items import ArticleItem
from pipelines.storage.engine import open_engine
from pipelines.storage.models import runs
from tests.helpers import exported


def pipes_for(db_url, **settings):
    s = project_settings(NEWSCRAWL_DB=db_url, **settings)
    pipes = build_pipelines(s, MemoryStatsCollector(SimpleNamespace(settings=s)))
    pipes[-1].open_spider()
    return pipes


def feed(pipes, n):
    item = ArticleItem(kind="full", text=f"Story number {n} " + "with enough words to be a body. " * 5)
    for pipe in pipes:
        item = pipe.process_item(item)


def test_a_slow_trickle_is_written_without_waiting_for_a_full_batch(db_url):
    pipes = pipes_for(db_url, NEWSCRAWL_BATCH_SIZE=1000, NEWSCRAWL_FLUSH_SECONDS=0)
    feed(pipes, 1)
    feed(pipes, 2)
    assert len(exported(db_url)) == 2  # stored before the run ends
    pipes[-1].close_spider()


def test_items_wait_for_a_full_batch_within_the_flush_interval(db_url):
    pipes = pipes_for(db_url, NEWSCRAWL_BATCH_SIZE=1000, NEWSCRAWL_FLUSH_SECONDS=3600)
    feed(pipes, 1)
    assert exported(db_url) == []
    pipes[-1].close_spider()
    assert len(exported(db_url)) == 1


def test_ctrl_c_during_a_batch_write_lands_after_it_and_the_run_is_recorded(db_url):
    pipes = pipes_for(db_url, NEWSCRAWL_BATCH_SIZE=1)
    pressed = []

    @event.listens_for(pipes[-1].store.engine, "before_cursor_execute")
    def ctrl_c_mid_batch(conn, cursor, statement, *args):
        if statement.startswith("INSERT INTO articles") and not pressed:
            pressed.append(statement)
            signal.raise_signal(signal.SIGINT)

    with pytest.raises(KeyboardInterrupt):
        feed(pipes, 1)
    assert len(exported(db_url)) == 1  # the batch in progress was committed, then the interrupt came
    pipes[-1].stats.set_value("finish_reason", "shutdown")
    pipes[-1].close_spider()  # recording the run is not stuck behind a lock the interrupted write held
    with open_engine(db_url).connect() as conn:
        assert conn.execute(select(runs.c.status)).scalars().all() == ["interrupted"]
