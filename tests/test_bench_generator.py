"""bench/gen_dumps.py: deterministic, counts that add up, teasers that are prefixes, streaming."""

from __future__ import annotations

import hashlib
import importlib.util
import inspect
import itertools
import json
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "bench" / "gen_dumps.py"
N = 300
MARKER = " […]"
SERIAL = re.compile(r"^(?:\S+ ){2,6}(\d{6,}) ")  # the serial number in an article's first words

spec = importlib.util.spec_from_file_location("gen_dumps", SCRIPT)
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def dump_lines(folder: Path, expected: dict) -> list[str]:
    """All non-blank lines of the dump files, in file order."""
    lines = []
    for name in expected["file_names"]:
        text = (folder / name).read_text(encoding="utf-8")
        lines += [line for line in text.split("\n") if line.strip()]
    return lines


def is_teaser(line: str) -> bool:
    return line.endswith(MARKER)


def is_placeholder(line: str) -> bool:
    return "lorem ipsum" in line.lower()


def pages(lines: list[str]):
    """(teaser line, byline line or None, body paragraphs) for each article page in the dump.

    A page body starts with the line holding the article's serial number, right after the
    page's teaser line (or after its byline line); it runs to the next teaser line. In dated
    files the next entry's title line ends up at the end of the list, which the checks below
    do not look at.
    """
    for at, line in enumerate(lines):
        if is_teaser(line) or not SERIAL.match(line):
            continue
        before = lines[at - 1]
        byline = None
        if not is_teaser(before):
            byline, before = before, lines[at - 2]
        assert is_teaser(before), f"body without its teaser line: {line[:80]}"
        end = next((j for j in range(at + 1, len(lines)) if is_teaser(lines[j])), len(lines))
        yield before, byline, lines[at:end]


@pytest.fixture(scope="module")
def dump(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dump")
    expected = gen.generate(N, str(folder), seed=11, files=3)
    return folder, expected, dump_lines(folder, expected)


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    gen.generate(N, str(tmp_path / "a"), seed=5, files=3)
    subprocess.run([sys.executable, str(SCRIPT), "--articles", str(N), "--out", str(tmp_path / "b"),
                    "--seed", "5", "--files", "3"], check=True, capture_output=True)
    gen.generate(N, str(tmp_path / "c"), seed=6, files=3)
    a, b, c = (digests(tmp_path / x) for x in "abc")
    assert a == b
    assert set(a) != set(c)  # file names carry the seed
    assert sorted(a.values()) != sorted(c.values())


def test_file_count(tmp_path, dump):
    folder, expected, _ = dump
    assert expected["files"] == 3
    assert sorted(p.name for p in folder.glob("*.txt")) == sorted(expected["file_names"])
    assert len(expected["file_names"]) == 3
    assert all(re.fullmatch(r"\d{3}_[0-9a-f]{16}\.txt", name) for name in expected["file_names"])

    default = gen.generate(N, str(tmp_path / "default"), seed=11)  # one file per 5,000 articles
    assert default["files"] == 1 and len(list((tmp_path / "default").glob("*.txt"))) == 1
    assert gen.default_files(12_000) == 3


def test_expected_counts_add_up_and_match_the_files(dump):
    folder, expected, lines = dump
    on_disk = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    assert on_disk == expected
    assert expected["articles"] == N
    assert expected["full"] + expected["teaser_only"] == N
    assert 0.55 * N < expected["full"] < 0.85 * N  # ~0.7 have a page

    teaser_lines = [line for line in lines if is_teaser(line)]
    placeholders = [line for line in teaser_lines if is_placeholder(line)]
    assert len(placeholders) == expected["placeholders"]
    assert len(teaser_lines) - len(placeholders) == expected["teaser_lines"]
    assert expected["teaser_lines"] == expected["listing_teasers"] + expected["full"]
    assert len(list(pages(lines))) == expected["full"]


def test_every_article_appears_and_teaser_only_ones_are_listed(dump):
    _, expected, lines = dump
    in_teasers, in_pages = set(), set()
    for line in lines:
        for serial in re.findall(r" (\d{6,}) ", line[:400]):
            (in_teasers if is_teaser(line) else in_pages).add(int(serial))
    assert in_teasers | in_pages == set(range(1, N + 1))
    assert len(in_pages) == expected["full"]
    assert len(in_teasers - in_pages) == expected["teaser_only"]


def test_page_teaser_text_is_a_prefix_of_the_body(dump):
    _, expected, lines = dump
    first_words = set()
    seen = 0
    for teaser, byline, body in pages(lines):
        seen += 1
        text = " ".join(body)
        line = teaser[: -len(MARKER)]
        start = line.find(body[0][:40])
        assert start >= 0, teaser
        cut = line[start:]
        assert text.startswith(cut) and len(cut) < len(text)
        assert cut[-1] not in ".?!”"  # cut mid-sentence
        head = line[:start].rstrip()
        if byline is None:
            assert head == ""
        else:
            assert "By " in byline and head and byline.endswith(head)  # same byline, labels optional
        assert 4 <= len(body) <= 16  # 4-15 paragraphs (+ a following title line in dated files)
        first_words.add(" ".join(text.split()[:10]))
    assert seen == expected["full"]
    assert len(first_words) == seen  # distinct articles never share their first 10 words


def test_listing_teasers_are_prefixes_of_the_generated_body():
    for index in range(N):
        article = gen.Article(11, index)
        body = " ".join(article.paragraphs())
        teaser = gen.Article(11, index).teaser()  # generated lazily, from the first paragraphs
        assert body.startswith(teaser) and len(teaser) < len(body)
        assert str(index + 1).zfill(6) in " ".join(teaser.split()[:8])


def test_generator_streams_lines():
    assert inspect.isgeneratorfunction(gen.file_lines)
    assert inspect.isgeneratorfunction(gen.Article.paragraphs)
    counts = dict.fromkeys(("full", "teaser_only", "placeholders", "listing_teasers", "page_teasers"), 0)
    first = list(itertools.islice(gen.file_lines(3, 1_000_000, 200, 0, counts), 5))
    assert all(isinstance(line, str) and line.endswith("\n") for line in first)
    # Five lines of a 5,000-article file cost a handful of articles, not thousands.
    assert counts["full"] + counts["listing_teasers"] <= 5


def peak_bytes(n: int) -> int:
    counts = dict.fromkeys(("full", "teaser_only", "placeholders", "listing_teasers", "page_teasers"), 0)
    tracemalloc.start()
    try:
        for _ in gen.file_lines(2, n, 1, 0, counts):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_articles():
    # One file each; about 28 KB either way. Keeping the lines or articles would cost megabytes.
    small, large = peak_bytes(100), peak_bytes(1000)
    assert large < 1.5 * small + 16 * 1024, (small, large)


def test_refuses_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(SystemExit):
        gen.generate(10, str(tmp_path), seed=1)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "expected.json").exists()
