"""The progress line: what it shows, and that it redraws only now and then."""

import io

from newscrawl.progress import Progress


def test_progress_line_shows_share_and_ends_with_newline(monkeypatch):
    clock = iter([0.0, 0.1, 1.0, 2.0])
    monkeypatch.setattr("newscrawl.progress.time.monotonic", lambda: next(clock))
    out = io.StringIO()
    bar = Progress(4 * 1048576, stream=out)  # started at t=0
    bar.update(1048576)  # t=0.1: too soon to redraw
    assert out.getvalue() == ""
    bar.update(1048576)  # t=1.0: redraw
    assert "import: 2.0 MiB of 4.0 MiB (50%), 1s left, 2.0 MiB/s" in out.getvalue()
    bar.close()  # t=2.0
    assert out.getvalue().rstrip(" \n").endswith("(50%), 2s left, 1.0 MiB/s") and out.getvalue().endswith("\n")


def test_unknown_total_shows_bytes_only():
    out = io.StringIO()
    bar = Progress(None, stream=out)
    bar.update(3 * 1048576)
    bar.close()
    assert "import: 3.0 MiB, " in out.getvalue() and "%" not in out.getvalue()
