"""Deploy: the project egg, built the way `scrapyd-deploy` builds it, crawls under a real scrapyd."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import requests

from tests.conftest import ROOT
from tests.fixtures.newssite import NewsSite

BIN = Path(sys.executable).parent
PROJECT_FILES = ("scrapy.cfg", "pyproject.toml", "README.md", "newscrawl", "pipelines", "seeds")
STARTUP_SECONDS = 60
JOB_SECONDS = 180


def build_egg(tmp: Path) -> Path:
    """`scrapyd-deploy --build-egg` on a copy of the project (it writes setup.py and build/ where it runs)."""
    src = tmp / "src"
    src.mkdir()
    for name in PROJECT_FILES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(path, src / name)
    egg = tmp / "newscrawl.egg"
    done = subprocess.run([str(BIN / "scrapyd-deploy"), "--build-egg", str(egg)], cwd=src,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return egg


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Scrapyd:
    """A scrapyd on 127.0.0.1 with its eggs, logs and queues in one folder."""

    def __init__(self, home: Path):
        self.home = home
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        home.mkdir()
        (home / "scrapyd.conf").write_text(
            "[scrapyd]\n"
            f"bind_address = 127.0.0.1\nhttp_port = {self.port}\n"
            f"eggs_dir = {home / 'eggs'}\nlogs_dir = {home / 'logs'}\ndbs_dir = {home / 'dbs'}\n"
            "items_dir =\npoll_interval = 0.2\nmax_proc = 2\n")
        # The crawl must import the project from the egg, not from this checkout.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith("NEWSCRAWL_")}
        self.log = open(home / "scrapyd.out", "w")
        self.proc = subprocess.Popen([str(BIN / "scrapyd")], cwd=home, env=env, stdout=self.log,
                                     stderr=subprocess.STDOUT)
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                if requests.get(f"{self.url}/daemonstatus.json", timeout=2).json()["status"] == "ok":
                    return
            except requests.ConnectionError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.close()
                pytest.fail(f"scrapyd did not start: {(home / 'scrapyd.out').read_text()[-2000:]}")
            time.sleep(0.1)

    def call(self, endpoint: str, method: str = "get", **kwargs) -> dict:
        answer = getattr(requests, method)(f"{self.url}/{endpoint}", timeout=60, **kwargs).json()
        assert answer["status"] == "ok", answer
        return answer

    def job_log(self, project: str, spider: str, job: str) -> str:
        path = self.home / "logs" / project / spider / f"{job}.log"
        return path.read_text(errors="replace") if path.exists() else "(no job log)"

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def test_egg_declares_the_settings_module(tmp_path):
    """scrapyd finds the project's settings through the egg's `scrapy` entry point (pyproject.toml's
    [project] table overrides the entry_points of the setup.py that scrapyd-deploy writes)."""
    with zipfile.ZipFile(build_egg(tmp_path)) as egg:
        entry_points = egg.read("EGG-INFO/entry_points.txt").decode()
        names = set(egg.namelist())
    assert "[scrapy]" in entry_points and "settings = newscrawl.settings" in entry_points, entry_points
    assert {"newscrawl/spiders/news.py", "pipelines/storage/pipeline.py", "seeds/sites.toml"} <= names


def test_scheduled_crawl_under_scrapyd_stores_the_site(tmp_path):
    egg = build_egg(tmp_path)
    db = tmp_path / "crawl.db"
    scrapyd = Scrapyd(tmp_path / "scrapyd")
    try:
        with open(egg, "rb") as f:
            scrapyd.call("addversion.json", "post", data={"project": "newscrawl", "version": "1"},
                         files={"egg": f})
        spiders = scrapyd.call("listspiders.json", params={"project": "newscrawl"})["spiders"]
        assert "news" in spiders

        with NewsSite(slow_seconds=1) as site:
            job = scrapyd.call("schedule.json", "post", data={
                "project": "newscrawl", "spider": "news", "url": site.url + "/", "site": "peoples-daily",
                "setting": [f"NEWSCRAWL_DB=sqlite:///{db}",
                            "AUTOTHROTTLE_ENABLED=False", "DOWNLOAD_TIMEOUT=5", "NEWSCRAWL_RETRY_BACKOFF=0"],
            })["jobid"]
            deadline = time.monotonic() + JOB_SECONDS
            while True:
                jobs = scrapyd.call("listjobs.json", params={"project": "newscrawl"})
                if any(j["id"] == job for j in jobs["finished"]):
                    break
                assert time.monotonic() < deadline, f"job still running: {jobs}"
                time.sleep(0.3)
            public = {a["url"] for a in site.articles if not a["private"]}
            private_hits = site.hits(site.disallowed_prefix)
        log = scrapyd.job_log("newscrawl", "news", job)
    finally:
        scrapyd.close()

    assert db.exists(), log[-3000:]
    with sqlite3.connect(db) as conn:
        stored = dict(conn.execute("SELECT url, status FROM articles WHERE url IS NOT NULL"))
    missing = public - {u for u, s in stored.items() if s == "full"}
    assert not missing, f"{sorted(missing)}\n{log[-3000:]}"
    assert private_hits == 0
    assert "Traceback" not in log, log[-3000:]
    assert "'finish_reason': 'finished'" in log
