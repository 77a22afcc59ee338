"""Drive file readers' items through the same pipeline chain a crawl uses, without a reactor."""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from types import SimpleNamespace

from scrapy.exceptions import DropItem
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.conf import build_component_list
from scrapy.utils.misc import load_object

from newscrawl.progress import Progress
from newscrawl.readers import ReaderError, expand_paths, open_input, read_items
from newscrawl.readers.textdump import Problem
from newscrawl.sites import SiteError, load_sites
from pipelines.storage.pipeline import StoreError

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 256  # items between progress-bar updates


@dataclass
class ImportResult:
    run_id: int | None
    status: str
    stats: dict
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "finished" and not self.errors


def project_settings(**overrides) -> Settings:
    settings = Settings()
    settings.setmodule("newscrawl.settings", priority="project")
    settings.update({k: v for k, v in overrides.items() if v is not None}, priority="cmdline")
    return settings


def build_pipelines(settings: Settings, stats) -> list:
    """The ITEM_PIPELINES objects, built the way Scrapy builds them (from_crawler)."""
    crawler = SimpleNamespace(settings=settings, stats=stats)
    return [load_object(path).from_crawler(crawler)
            for path in build_component_list(settings.getwithbase("ITEM_PIPELINES"))]


def import_paths(paths: list[str], *, db: str | None = None, site: str | None = None,
                 format: str | None = None, batch_size: int | None = None,
                 progress: bool | None = None) -> ImportResult:
    """Import files, folders, globs or "-" (stdin) into the database; one run row per call."""
    settings = project_settings(NEWSCRAWL_DB=db, NEWSCRAWL_BATCH_SIZE=batch_size, NEWSCRAWL_RUN_KIND="import",
                                NEWSCRAWL_RUN_ARGS={"paths": paths, "site": site, "format": format})
    sites = load_sites(settings.get("NEWSCRAWL_SITES_FILE"))
    if site is not None and site not in sites:
        raise SiteError(f"unknown site {site!r}; sites.toml knows: {', '.join(sorted(sites)) or 'none'}")
    stats = MemoryStatsCollector(SimpleNamespace(settings=settings))
    pipes = build_pipelines(settings, stats)
    inputs = list(expand_paths(paths))
    errors: list[str] = []
    bar = _progress_bar(inputs, progress)

    for pipe in pipes:
        if hasattr(pipe, "open_spider"):
            pipe.open_spider()
    status = "failed"
    try:
        for entry in inputs:
            if isinstance(entry, ReaderError):
                _fail(stats, errors, "file", str(entry))
                continue
            _import_one(entry, pipes, stats, errors, sites=sites, site=sites.get(site), format=format, bar=bar)
        status = "finished"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        stats.set_value("finish_reason", status)
        if bar is not None:
            bar.close()
        for pipe in reversed(pipes):
            if hasattr(pipe, "close_spider"):
                pipe.close_spider()
    return ImportResult(stats.get_value("newscrawl/run_id"), status, stats.get_stats(), errors)


def _import_one(path, pipes, stats, errors, *, sites, site, format, bar) -> None:
    try:
        inp = open_input(path)
    except ReaderError as exc:
        _fail(stats, errors, "file", str(exc))
        return
    done = 0
    try:
        for n, record in enumerate(read_items(inp, sites=sites, site=site, format=format), 1):
            if isinstance(record, Problem):
                _fail(stats, errors, "record", f"{record.source}: {record.message}")
            else:
                _process(record, pipes, stats, errors)
            if bar is not None and n % PROGRESS_EVERY == 0 and inp.size is not None:
                bar.update(inp.stream.tell() - done)
                done = inp.stream.tell()
        stats.inc_value("newscrawl/import/files")
    except ReaderError as exc:
        _fail(stats, errors, "file", str(exc))
    except (OSError, ValueError) as exc:
        _fail(stats, errors, "file", f"{inp.name}: {exc}")
    finally:
        if bar is not None and inp.size is not None:
            bar.update(inp.size - done)
        inp.close()


def _process(item, pipes, stats, errors) -> None:
    stats.inc_value(f"newscrawl/items/{item.kind}")
    try:
        for pipe in pipes:
            item = pipe.process_item(item)
    except DropItem as exc:
        logger.debug("dropped %s", exc)
    except StoreError:
        raise  # the database failed: the batch is rolled back and the run stops
    except Exception as exc:
        # One bad record must not sink the import.
        logger.debug("%s: traceback", item.source, exc_info=True)
        _fail(stats, errors, "record", f"{item.source}: {type(exc).__name__}: {exc}")


def _fail(stats, errors: list[str], kind: str, message: str) -> None:
    logger.error("%s", message)
    stats.inc_value(f"newscrawl/errors/{kind}")
    errors.append(message)


def _progress_bar(inputs, progress: bool | None) -> Progress | None:
    if not (sys.stderr.isatty() if progress is None else progress):
        return None
    sizes = [os.path.getsize(e) for e in inputs if isinstance(e, str) and e != "-" and os.path.isfile(e)]
    return Progress(sum(sizes) or None)
