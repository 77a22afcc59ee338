"""The manifest of a folder of saved pages: which URL each file was saved from.

Either CSV with the columns `path,url` (a header line naming them is optional) or JSON Lines
with one {"path": ..., "url": ...} object a line. Relative paths are relative to the manifest's
own folder.
"""

from __future__ import annotations

import csv
import json
import os

from newscrawl.readers.base import ReaderError


def load_manifest(path: str) -> dict[str, str]:
    """{absolute file path: URL}; raises ReaderError naming the line of any bad entry."""
    folder = os.path.dirname(os.path.abspath(path))
    found: dict[str, str] = {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            first = fh.read(1)
            fh.seek(0)
            rows = _jsonl_rows(fh, path) if first == "{" else _csv_rows(fh)
            for lineno, file, url in rows:
                if not file or not url or "://" not in url:
                    raise ReaderError(f"{path}:{lineno}", "manifest entry needs a file path and an absolute URL")
                found[os.path.normpath(os.path.join(folder, file))] = url
    except OSError as exc:
        raise ReaderError(path, exc.strerror or str(exc)) from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ReaderError(path, f"not a CSV or JSON Lines manifest: {exc}") from exc
    return found


def _csv_rows(fh):
    reader = csv.reader(fh)
    for row in reader:
        if not row or not "".join(row).strip():
            continue
        if [c.strip().lower() for c in row[:2]] == ["path", "url"]:
            continue  # header
        yield reader.line_num, row[0].strip(), (row[1].strip() if len(row) > 1 else "")


def _jsonl_rows(fh, path):
    for lineno, line in enumerate(fh, 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            yield lineno, str(entry.get("path") or ""), str(entry.get("url") or "")
        except (ValueError, AttributeError) as exc:
            raise ReaderError(f"{path}:{lineno}", f"not a manifest entry: {exc}") from exc
