"""The manifest of a folder of saved pages: which URL each file was saved from.

Either CSV with the columns `path,url` (a header line naming them is optional) or JSON Lines
with one {"path": ..., "url": ...} object a line ("file" for "path" is understood too; other
keys are ignored). Relative paths are relative to the manifest's own folder.
"""

from __future__ import annotations

import csv
import json
import os

from newscrawl.readers.base import Problem, ReaderError


def load_manifest(path: str) -> tuple[dict[str, str], list[Problem]]:
    """({absolute file path: URL}, entries left out); raises ReaderError when the file itself
    cannot be read. A bad entry only costs its own file its URL."""
    folder = os.path.dirname(os.path.abspath(path))
    found: dict[str, str] = {}
    problems: list[Problem] = []
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            first = fh.read(1)
            fh.seek(0)
            rows = _jsonl_rows(fh) if first == "{" else _csv_rows(fh)
            for lineno, file, url in rows:
                if file is None or not file or not url or "://" not in url:
                    problems.append(Problem(f"{path}:{lineno}", "manifest entry needs a file path and an "
                                                                "absolute URL; left out"))
                    continue
                found[os.path.normpath(os.path.join(folder, file))] = url
    except OSError as exc:
        raise ReaderError(path, exc.strerror or str(exc)) from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ReaderError(path, f"not a CSV or JSON Lines manifest: {exc}") from exc
    return found, problems


def _csv_rows(fh):
    reader = csv.reader(fh)
    for row in reader:
        if not row or not "".join(row).strip():
            continue
        if [c.strip().lower() for c in row[:2]] == ["path", "url"]:
            continue  # header
        yield reader.line_num, row[0].strip(), (row[1].strip() if len(row) > 1 else "")


def _jsonl_rows(fh):
    for lineno, line in enumerate(fh, 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            yield lineno, str(entry.get("path") or entry.get("file") or ""), str(entry.get("url") or "")
        except (ValueError, AttributeError):
            yield lineno, None, None  # not JSON, or not an object
