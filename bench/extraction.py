"""Extraction quality on real pages with third-party gold: ours vs trafilatura vs newspaper4k.

    .venv/bin/python bench/extraction.py [--limit N] [--source NAME] [--no-peers] [--misses FIELD]

Packs ../shared/realpages-dev/*/html pages into one WARC (response records with HTTP headers and
the pages' URLs), imports it through the real reader and pipelines into a temporary SQLite
database, and scores the export per field against the gold; the peers run on the same decoded
HTML in the same process. Until the WARC reader exists the pages go through page_items and the
pipeline steps directly (said so in the output). Scoring follows issue 4 and the gold README:

- authors: micro P/R/F1 over case-folded person names. The gold's bylines are turned into person
  lists here (split, labels cut, outlets/agencies/"Staff"/newsroom labels dropped); the peers'
  outputs get the same neutral cleanup, ours is scored as our pipeline exports it.
- date: day-level accuracy. Fundus gives an offset: compare in that zone. Mercury is in UTC and
  pages often give no zone: one day of tolerance. Others give the page's local day: compare with
  the day the page states (our published_raw when it starts with a date, else published_at).
- title: exact after NFKC, whitespace folding and case-folding.
- body: F1 over 4-word shingles of \\w+ tokens, averaged over pages (the Zyte benchmark's metric),
  on the sources that have a whole body as gold (aeb, fundus).
- s/page: wall time per page; ours both for extraction alone and for the whole import, the
  latter in one process and with the default worker processes, in the same run.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import re
import sys
import tempfile
import time
import unicodedata
import warnings
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOLD = Path(os.environ.get("REALPAGES", ROOT.parent / "shared" / "realpages-dev"))
SOURCES = ("aeb", "fundus", "mercury", "bbaw_htmldate_trafilatura", "htmldate_mediacloud")
FIELDS = ("authors", "date", "title", "body")
SYSTEMS = ("ours", "trafilatura", "newspaper4k")


# ---------------------------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------------------------

def load_pages(source: str | None, limit: int | None, half: str | None = None) -> list[dict]:
    pages = []
    for name in SOURCES:
        if source and name != source:
            continue
        rows = [json.loads(line) for line in (GOLD / name / "gold.jsonl").open(encoding="utf-8")]
        if half:
            rows = rows[half == "odd"::2]
        for row in rows[:limit] if limit else rows:
            row["source"] = name
            row["raw"] = gzip.decompress((GOLD / name / row["file"]).read_bytes())
            pages.append(row)
    return pages


def decode(raw: bytes) -> str:
    try:
        from newscrawl.extract.charset import decode_html
        return decode_html(raw, None)[0]
    except ImportError:  # the READERS helper's module is not in yet
        m = re.search(rb"""<meta[^>]+charset=["']?([\w-]+)""", raw[:4096], re.I)
        for enc in ([m.group(1).decode("ascii")] if m else []) + ["utf-8", "cp1252"]:
            try:
                return raw.decode(enc)
            except (UnicodeDecodeError, LookupError):
                continue
        return raw.decode("utf-8", "replace")


def write_warc(pages: list[dict], path: str) -> dict[int, str]:
    """Write the WARC; returns {record offset: page URL} (the reader's provenance names offsets)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        offsets = {}
        for page in pages:
            offsets[out.tell()] = page["url"]
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"),
                                               ("Content-Length", str(len(page["raw"])))], protocol="HTTP/1.1")
            record = writer.create_warc_record(page["url"], "response", payload=io.BytesIO(page["raw"]),
                                               http_headers=http)
            writer.write_record(record)
    return offsets


# ---------------------------------------------------------------------------------------------
# Our pipeline: the real import when the WARC reader exists, else page_items + pipeline steps
# ---------------------------------------------------------------------------------------------

def have_warc_reader() -> bool:
    return (ROOT / "newscrawl" / "readers" / "warc.py").exists()


def run_ours_import(pages: list[dict], jobs: int | None = None) -> tuple[dict[str, dict], float]:
    from newscrawl.ingest import import_paths
    from pipelines.storage.engine import open_engine
    from pipelines.storage.queries import export_records
    with tempfile.TemporaryDirectory() as tmp:
        warc = os.path.join(tmp, "pages.warc.gz")
        offsets = write_warc(pages, warc)
        db = f"sqlite:///{tmp}/bench.db"
        start = time.perf_counter()
        result = import_paths([warc], db=db, progress=False, jobs=jobs)
        elapsed = time.perf_counter() - start
        if result.errors:
            print(f"import reported {len(result.errors)} errors, first: {result.errors[0]}", file=sys.stderr)
        engine = open_engine(db)
        records = list(export_records(engine))
        engine.dispose()
    return _match_records(offsets, records), elapsed


def _match_records(offsets: dict[int, str], records) -> dict[str, dict]:
    """Export records by the page they came from: sources read "<file>#<record offset>"."""
    found = {}
    for rec in records:
        for source in rec.get("sources") or []:
            offset = source.rpartition("#")[2]
            if offset.isdigit() and int(offset) in offsets:
                found.setdefault(offsets[int(offset)], rec)
    return found


def run_ours_direct(pages: list[dict]) -> tuple[dict[str, dict], float]:
    from types import SimpleNamespace

    from scrapy.exceptions import DropItem
    from scrapy.statscollectors import MemoryStatsCollector

    from newscrawl.extract import page_items
    from newscrawl.ingest import build_pipelines, project_settings
    settings = project_settings()
    stats = MemoryStatsCollector(SimpleNamespace(settings=settings))
    pipes = [p for p in build_pipelines(settings, stats) if type(p).__name__ != "StorePipeline"]
    found = {}
    start = time.perf_counter()
    for page in pages:
        result = page_items(page["html"], page["url"], source=page["url"],
                            fetched_at=datetime.now(timezone.utc))
        for item in result.items[:1] if result.kind == "article" else []:
            try:
                for pipe in pipes:
                    item = pipe.process_item(item)
            except DropItem:
                continue
            found[page["url"]] = {
                "title": item.title, "authors": item.authors, "body": item.text,
                "published_at": _iso(item.published_at, item.published_precision),
                "published_raw": item.date_raw,
            }
    return found, time.perf_counter() - start


def _iso(value, precision):
    if value is None:
        return None
    return value.date().isoformat() if precision in ("year", "month", "day") else value.isoformat()


def time_extraction(pages: list[dict]) -> float:
    from newscrawl.extract import page_items
    start = time.perf_counter()
    for page in pages:
        page_items(page["html"], page["url"], source=page["url"])
    return time.perf_counter() - start


def ours_prediction(rec: dict | None) -> dict:
    if rec is None:
        return {}
    return {"title": rec.get("title"), "authors": rec.get("authors") or [], "body": rec.get("body") or "",
            "date": _our_day(rec.get("published_at"), rec.get("published_raw"))}


def _our_day(published_at: str | None, raw: str | None):
    """(local day as the page states it, UTC instant or None).

    We store UTC; the gold of most sources is the day in the page's own zone, so the day is
    read in the offset the raw value carries (when it carries one).
    """
    if not published_at:
        return None
    instant = datetime.fromisoformat(published_at) if "T" in published_at else None
    local = date.fromisoformat(published_at[:10])
    m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", raw or "")
    if m:
        try:
            return date.fromisoformat(m.group(1)), instant
        except ValueError:
            pass
    if instant is not None and raw:
        try:
            from dateutil.parser import UnknownTimezoneWarning, parse
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UnknownTimezoneWarning)  # "EDT": no offset to read
                stated = parse(raw, fuzzy=True)
            if stated.tzinfo is not None:
                local = instant.astimezone(stated.tzinfo).date()
        except (ValueError, OverflowError):
            pass
    return local, instant


# ---------------------------------------------------------------------------------------------
# Peers
# ---------------------------------------------------------------------------------------------

def run_trafilatura(page: dict) -> dict:
    import trafilatura
    doc = trafilatura.bare_extraction(page["html"], url=page["url"], with_metadata=True)
    if doc is None:
        return {}
    day = _day_of(doc.date)
    return {"title": doc.title, "authors": (doc.author or "").split(";") if doc.author else [],
            "body": doc.text or "", "date": (day, None) if day else None, "peer": True}


def run_newspaper(page: dict) -> dict:
    import newspaper
    config = newspaper.Config()
    config.fetch_images = False  # no network: the bench never leaves the machine
    config.memorize_articles = False
    article = newspaper.Article(page["url"], config=config)
    article.download(input_html=page["html"])
    article.parse()
    when = article.publish_date
    day = None
    if isinstance(when, datetime):
        day = (when.date(), when.astimezone(timezone.utc) if when.tzinfo else None)
    return {"title": article.title, "authors": list(article.authors), "body": article.text or "",
            "date": day, "peer": True}


def _day_of(value) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Gold conventions
# ---------------------------------------------------------------------------------------------

# Newsroom labels, agencies and outlets: not authors under our convention. Patterns for the
# kinds, and the gold's own non-person entries that only a reader can tell (datelines a parser
# took for names, outlet names), judged by hand from the raw gold, listed so anyone can check.
_NOT_PERSON = re.compile(
    r"redaktion|staff|editor\b|submissions|presse|agentur|agency|online|news|nachrichten|"
    r"university|\bag$|bund$|\.(?:de|at|be|ch|com|tr|jp|fr|es|it|org)\b|^https?:|新聞|デジタル|"
    r"オンライン|編集部|^(?:AFP|AP|APA|DPA|SDA|SID|JIJI|KNA|EPD|TIME|BBAW|Reuters|dpa)$|"
    r"^(?:the )?associated press$|deutschlandfunk|itmedia|\bwsvn\b|\bradio\b|\bspiegel\b",
    re.I,
)
_GOLD_NON_PEOPLE = {
    "orf.at", "salzburger nachrichten", "srf", "hosb", "kesm", "ssi", "dan", "nairobi", "lille",
    "kicker", "landesspiegel", "les echos", "le figaro", "habertürk", "última hora", "t-online",
    "kathpress", "greator", "emotion", "mdr sachsen-anhalt", "baselbiet", "ormalingen",
    "wake forest university health sciences", "prince and the revolution", "politik",
    "zone justice et faits divers - ici.radio-canada.ca", "日刊現代", "中日新聞web", "catch more fish",
    "enbw energie baden-württemberg ag", "deutscher tennis bund", "《kt》", "mywakenews",
    "apartment therapy submissions", "dainik bhaskar", "दैनिक भास्कर", "mm-redaktion",
}
_SPLIT = re.compile(r"\s*(?:[,;|·/&、，\n]|\band\b|\bund\b|\bet\b|\by\b|\bfrom\b.*$)\s*", re.I)
_LABELS = re.compile(r"^(?:by|von|par|por|door|著者[：:]?|作者[：:]?|文●|翻訳者|監訳|訳|イラスト|"
                     r"view orcid profile)\s*|\s*(?:,?\s*phd|著|監訳|訳|外 ?\d+명|기자.*)$", re.I)
_EMAIL = re.compile(r"\S+@\S+|\(\w+\)|（[^）]*）|\[|\]")


def gold_people(value) -> list[str]:
    parts = value if isinstance(value, list) else [value] if value else []
    people: list[str] = []
    for part in parts:
        part = _EMAIL.sub(" ", part.split("\n")[0] if isinstance(part, str) else "")
        for piece in _SPLIT.split(part):
            piece = _LABELS.sub("", piece.strip()).strip(" .:-–—")
            piece = _LABELS.sub("", piece).strip()
            key = fold(piece)
            if not key or key in _GOLD_NON_PEOPLE or _NOT_PERSON.search(piece) or not re.search(r"\w", piece):
                continue
            if key not in people:
                people.append(key)
    return people


def gold_authors(page: dict):
    if page["source"] == "fundus" and page.get("authors"):
        return gold_people(page["authors"])
    if page["source"] == "mercury" and page.get("author"):
        return gold_people(page["author"])
    if page["source"] == "bbaw_htmldate_trafilatura" and page.get("author_raw"):
        return gold_people(page["author_raw"])
    return None  # this source has no author gold for the page


_INVISIBLE = dict.fromkeys(map(ord, "\xad\u200b\u200c\u200d\u2060\ufeff"))  # soft hyphen, zero-width marks


def fold(text: str | None) -> str:
    """Unicode folding: NFKC, whitespace runs as one space, case, and no invisible marks (a
    soft hyphen in a gold title is no difference a reader sees)."""
    return " ".join(unicodedata.normalize("NFKC", text or "").translate(_INVISIBLE).split()).casefold()


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------

def shingles(text: str, n: int = 4) -> Counter:
    tokens = re.findall(r"\w+", unicodedata.normalize("NFKC", text or "").casefold())
    return Counter(tuple(tokens[i:i + n]) for i in range(max(0, len(tokens) - n + 1)))


def body_f1(pred: str, gold: str) -> float:
    p, g = shingles(pred), shingles(gold)
    if not g:
        return 1.0 if not p else 0.0
    hit = sum((p & g).values())
    if not hit:
        return 0.0
    precision, recall = hit / sum(p.values()), hit / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def date_ok(page: dict, pred) -> bool | None:
    source = page["source"]
    if source == "fundus":
        gold = datetime.fromisoformat(page["date"])
        if pred is None:
            return False
        local, instant = pred
        if instant is not None and gold.tzinfo is not None:
            return instant.astimezone(gold.tzinfo).date() == gold.date()
        return local == gold.date()
    if source == "mercury":
        if not page.get("date_published"):
            return None
        gold = datetime.fromisoformat(page["date_published"].replace("Z", "+00:00"))
        if pred is None:
            return False
        local, instant = pred
        if instant is not None:
            return instant.astimezone(timezone.utc).date() == gold.date() or abs(local - gold.date()) <= timedelta(days=1)
        return abs(local - gold.date()) <= timedelta(days=1)
    if source in ("bbaw_htmldate_trafilatura", "htmldate_mediacloud"):
        gold = _day_of(page.get("date"))
        if gold is None:  # no gold, or a malformed one ("2022-25-10"): not scored
            return None
        return pred is not None and pred[0] == gold
    return None


def gold_body(page: dict) -> str | None:
    return page.get("body") if page["source"] in ("aeb", "fundus") else None


class Score:
    def __init__(self):
        self.tp = self.fp = self.fn = 0
        self.date = []
        self.title = []
        self.body = []

    def add(self, page: dict, pred: dict, *, peer: bool, misses: list | None = None, system: str = "") -> None:
        gold = gold_authors(page)
        if gold is not None:
            got = gold_people(pred.get("authors") or []) if peer else [fold(a) for a in pred.get("authors") or []]
            got = list(dict.fromkeys(got))
            tp = len(set(got) & set(gold))
            self.tp += tp
            self.fp += len(got) - tp
            self.fn += len(gold) - tp
            if misses is not None and set(got) != set(gold):
                misses.append(("authors", system, page["url"], gold, got))
        ok = date_ok(page, pred.get("date"))
        if ok is not None:
            self.date.append(ok)
            if misses is not None and not ok:
                misses.append(("date", system, page["url"], page.get("date") or page.get("date_published"), pred.get("date")))
        if page.get("title"):
            ok = fold(pred.get("title")) == fold(page["title"])
            self.title.append(ok)
            if misses is not None and not ok:
                misses.append(("title", system, page["url"], page["title"], pred.get("title")))
        body = gold_body(page)
        if body:
            f1 = body_f1(pred.get("body") or "", body)
            self.body.append(f1)
            if misses is not None and f1 < 0.8:
                misses.append(("body", system, page["url"], round(f1, 3), (pred.get("body") or "")[:300]))

    def row(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        mean = lambda xs: (sum(xs) / len(xs), len(xs)) if xs else (None, 0)  # noqa: E731
        return {"authors": (f, self.tp + self.fn), "authors_p": p, "authors_r": r, "date": mean(self.date),
                "title": mean(self.title), "body": mean(self.body)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, help="pages per source")
    ap.add_argument("--source", choices=SOURCES)
    ap.add_argument("--no-peers", action="store_true", help="score ours only")
    ap.add_argument("--direct", action="store_true", help="page_items + pipeline steps, not the WARC import")
    ap.add_argument("--misses", choices=FIELDS, help="print the pages where ours misses this field")
    ap.add_argument("--half", choices=("even", "odd"),
                    help="every other page of each source: tune a rule on one half, check it holds on the other")
    args = ap.parse_args(argv)

    pages = load_pages(args.source, args.limit, args.half)
    for page in pages:
        page["html"] = decode(page["raw"])
    via_import = have_warc_reader() and not args.direct
    if via_import:
        # Both runs pay the one-time loads (dateparser's locales): this process in the first,
        # the fresh worker processes in the second.
        ours, serial_seconds = run_ours_import(pages, jobs=1)
        import_seconds = run_ours_import(pages)[1]
    else:
        ours, _ = run_ours_direct(pages)
    extract_seconds = time_extraction(pages)
    systems = ["ours"] + ([] if args.no_peers else ["trafilatura", "newspaper4k"])
    scores = {(s, src): Score() for s in systems for src in SOURCES + ("all",)}
    seconds = {"ours": extract_seconds, "trafilatura": 0.0, "newspaper4k": 0.0}
    misses: list = []
    for page in pages:
        preds = {"ours": ours_prediction(ours.get(page["url"]))}
        for name, run in (("trafilatura", run_trafilatura), ("newspaper4k", run_newspaper)):
            if name in systems:
                start = time.perf_counter()
                try:
                    preds[name] = run(page)
                except Exception as exc:  # a peer crashing on a page scores nothing for it
                    print(f"{name} failed on {page['url']}: {exc}", file=sys.stderr)
                    preds[name] = {}
                seconds[name] += time.perf_counter() - start
        for name, pred in preds.items():
            for src in (page["source"], "all"):
                scores[name, src].add(page, pred, peer=name != "ours",
                                      misses=misses if args.misses and name == "ours" and src == "all" else None,
                                      system=name)

    n = len(pages)
    print(f"{n} pages; ours via {'WARC import (reader + pipelines + SQLite export)' if via_import else 'page_items + pipeline steps (no WARC reader yet)'}; "
          f"ours found an article on {len(ours)} pages")
    print(f"{'source':28} {'field':9} " + " ".join(f"{s:>13}" for s in systems) + "     n")
    for src in SOURCES + ("all",):
        if not any(p["source"] == src for p in pages) and src != "all":
            continue
        for field in FIELDS:
            rows = {s: scores[s, src].row()[field] for s in systems}
            count = rows["ours"][1]
            if not count:
                continue
            cells = " ".join(f"{rows[s][0]:13.3f}" if rows[s][0] is not None else f"{'-':>13}" for s in systems)
            print(f"{src:28} {field:9} {cells} {count:5}")
    all_rows = {s: scores[s, "all"].row() for s in systems}
    print(f"{'all':28} {'auth P/R':9} " + " ".join(f"{all_rows[s]['authors_p']:6.3f}/{all_rows[s]['authors_r']:.3f}" for s in systems))
    print(f"{'all':28} {'s/page':9} " + " ".join(f"{seconds[s] / n:13.4f}" for s in systems))
    if via_import:
        print(f"ours, whole import (WARC read, extraction, pipelines, SQLite): {serial_seconds / n:.4f} s/page "
              f"in one process, {import_seconds / n:.4f} with worker processes (the default; "
              f"{serial_seconds / import_seconds:.2f}x)")
    if args.misses:
        for miss in misses:
            if miss[0] == args.misses:
                print(json.dumps(miss[1:], ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
