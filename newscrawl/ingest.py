"""Drive file readers' items through the same pipeline chain a crawl uses, without a reactor."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace

from scrapy.exceptions import DropItem
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.conf import build_component_list
from scrapy.utils.misc import load_object

from newscrawl.progress import Progress
from newscrawl.readers import (
    ASSET_EXTENSIONS,
    DEFAULT_MAX_PAGE_BYTES,
    Found,
    Notice,
    Options,
    Problem,
    ReaderError,
    UnreadableFormat,
    expand_paths,
    extension,
    open_input,
    read_records,
)
from newscrawl.readers.manifest import load_manifest
from newscrawl.readers.workers import AUTO_START_AFTER, Extractor, auto_jobs
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
                 progress: bool | None = None, base_url: str | None = None, manifest: str | None = None,
                 max_page_bytes: int | None = None, jobs: int | None = None) -> ImportResult:
    """Import files, folders, globs or "-" (stdin) into the database; one run row per call.

    jobs: processes that extract pages (1: this one); None: one per CPU, up to
    workers.MAX_AUTO_JOBS, once the import has shown more than workers.AUTO_START_AFTER pages.
    Worker processes import the calling script again: a script that calls this needs
    multiprocessing's `if __name__ == "__main__":` guard, or jobs=1.

    base_url / manifest give saved HTML files the address they were saved from (see
    newscrawl.readers.html); a manifest that cannot be read raises ReaderError before anything
    is imported, a bad entry in it is an error of the run.
    """
    args = {"paths": paths, "site": site, "format": format, "base_url": base_url, "manifest": manifest}
    settings = project_settings(NEWSCRAWL_DB=db, NEWSCRAWL_BATCH_SIZE=batch_size, NEWSCRAWL_RUN_KIND="import",
                                NEWSCRAWL_RUN_ARGS={k: v for k, v in args.items() if v is not None},
                                NEWSCRAWL_MAX_PAGE_BYTES=max_page_bytes)
    sites = load_sites(settings.get("NEWSCRAWL_SITES_FILE"))
    if site is not None and site not in sites:
        raise SiteError(f"unknown site {site!r}; sites.toml knows: {', '.join(sorted(sites)) or 'none'}")
    urls, bad_entries = load_manifest(manifest) if manifest else (None, [])
    options = Options(sites=sites, site=sites.get(site), format=format, base_url=base_url, manifest=urls,
                      max_page_bytes=max_page_bytes_setting(settings))
    stats = MemoryStatsCollector(SimpleNamespace(settings=settings))
    pipes = build_pipelines(settings, stats)
    inputs = [e for e in expand_paths(paths) if not (manifest and isinstance(e, Found) and _same_file(e.path, manifest))]
    errors: list[str] = []
    for entry in bad_entries:
        _fail(stats, errors, "manifest", f"{entry.source}: {entry.message}")
    bar = _progress_bar(inputs, progress)
    # Automatic: in worker processes once the import proves larger than a handful of pages.
    extractor = Extractor(options, auto_jobs() if jobs is None else jobs,
                          start_after=AUTO_START_AFTER if jobs is None else 0)

    for pipe in pipes:
        if hasattr(pipe, "open_spider"):
            pipe.open_spider()
    status = "failed"
    try:
        for record in extractor.records(_records(inputs, options)):
            if isinstance(record, _Read):
                if bar is not None:
                    bar.update(record.size)
                if record.done:
                    stats.inc_value("newscrawl/import/files")
            elif isinstance(record, Problem):
                _fail(stats, errors, record.kind, f"{record.source}: {record.message}")
            elif isinstance(record, Notice):
                logger.log(record.level, "%s: %s", record.source, record.message)
                stats.inc_value(f"newscrawl/{record.stat}")
            else:
                _process(record, pipes, stats, errors)
        status = "finished"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        extractor.close()
        if extractor.in_workers:
            stats.set_value("newscrawl/import/pages_in_workers", extractor.in_workers)
        # Scrapy's finish reasons, which StorePipeline turns into the run's status.
        stats.set_value("finish_reason", {"interrupted": "shutdown", "failed": "store_failed"}.get(status, status))
        if bar is not None:
            bar.close()
        for pipe in reversed(pipes):
            if hasattr(pipe, "close_spider"):
                pipe.close_spider()
    return ImportResult(stats.get_value("newscrawl/run_id"), status, stats.get_stats(), errors)


@dataclass
class _Read:
    """Reading went on by `size` bytes (records, from a pipe); `done`: an input was read to its end."""

    size: int
    done: bool = False


def _same_file(a: str, b: str) -> bool:
    """The manifest found again in the folder it describes is not an input."""
    return a != "-" and os.path.abspath(a) == os.path.abspath(b)


def max_page_bytes_setting(settings: Settings) -> int:
    """NEWSCRAWL_MAX_PAGE_BYTES from the settings, else from the environment, else 10 MiB."""
    value = settings.get("NEWSCRAWL_MAX_PAGE_BYTES") or os.environ.get("NEWSCRAWL_MAX_PAGE_BYTES")
    return int(value) if value else DEFAULT_MAX_PAGE_BYTES


def _records(inputs, options: Options) -> Iterator:
    """The records of every input in turn (pages not yet extracted), with what failed as a
    Problem and the progress of reading as _Read."""
    for entry in inputs:
        if isinstance(entry, ReaderError):
            yield Problem(entry.source, entry.message, "file")
        else:
            yield from _input_records(entry, options)


def _input_records(found: Found, options: Options) -> Iterator:
    try:
        inp = open_input(found.path, found.rel)
    except ReaderError as exc:
        yield Problem(exc.source, exc.message, "file")
        return
    done, ended = 0, False
    try:
        for n, record in enumerate(read_records(inp, options), 1):
            yield record
            if n % PROGRESS_EVERY == 0:
                if inp.size is None:
                    yield _Read(PROGRESS_EVERY)  # records: a pipe has no size to measure against
                else:
                    yield _Read(inp.stream.tell() - done)
                    done = inp.stream.tell()
        ended = True
    except UnreadableFormat as exc:
        if found.named:
            yield Problem(exc.source, exc.message, "file")
        else:
            # Picked up from a folder: a saved page's images and stylesheets are expected there.
            asset = extension(found.path) in ASSET_EXTENSIONS
            yield Notice(exc.source, f"{exc.message}, skipped", "skipped/unreadable_file",
                         logging.INFO if asset else logging.WARNING)
    except ReaderError as exc:
        yield Problem(exc.source, exc.message, "file")
    except (OSError, ValueError) as exc:
        yield Problem(inp.name, str(exc), "file")
    finally:
        inp.close()
    yield _Read(inp.size - done if inp.size is not None else 0, done=ended)


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
    files = [e.path for e in inputs if isinstance(e, Found) and e.path != "-"]
    if not files:
        return Progress(None, stream=sys.stderr, unit="records")  # standard input only
    return Progress(sum(os.path.getsize(f) for f in files if os.path.isfile(f)) or None, stream=sys.stderr)
