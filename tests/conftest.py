"""Shared fixtures: the fake catalogue, a strict build of the real site, a local web server."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

TESTS = Path(__file__).parent
PROJECT = TESTS.parent
FAKE_DATA = TESTS / "data"


@pytest.fixture
def fake_root(tmp_path: Path) -> Path:
    """A project root whose data/ is a private copy of the tiny fake catalogue."""
    shutil.copytree(FAKE_DATA, tmp_path / "data")
    return tmp_path


def build_site(root: Path, *extra: str) -> tuple[int, str, Path]:
    """Build docs/ under `root` strictly; return (exit status, warnings, output folder)."""
    out, warnings = root / "_build" / "html", root / "warnings.txt"
    try:
        status = build_main(["-W", "--keep-going", "-n", "-q", "-b", "html", "-d", str(root / "_build" / "doctrees"),
                             "-w", str(warnings), *extra, str(root / "docs"), str(out)])
    except SystemExit as exit:  # how the catalogue extension stops a build on bad data
        status = exit.code
    return status, warnings.read_text(encoding="utf-8") if warnings.exists() else "", out


def copy_project(dest: Path, data: Path = PROJECT / "data") -> Path:
    """docs/ (hand-written files only) and a data/ folder, as a fresh clone would have them."""
    shutil.copytree(PROJECT / "docs", dest / "docs", ignore=shutil.ignore_patterns("_build", "papers"))
    shutil.copytree(data, dest / "data")
    return dest


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> tuple[int, str, Path]:
    """The real catalogue built once per test run, strictly, the way Read the Docs builds it."""
    return build_site(copy_project(tmp_path_factory.mktemp("site")))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site as Read the Docs does: a missing address gets the site's 404 page."""

    def log_message(self, *args):  # keep pytest output clean
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def local_server(handler):
    """Serve `handler` on a free localhost port, in a thread; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def fake_site_url(tmp_path_factory):
    """The site built from the tiny fake catalogue (tests/data), served on a free localhost port."""
    root = copy_project(tmp_path_factory.mktemp("fake-site"), data=FAKE_DATA)
    _, _, out = build_site(root, "-D", "bibtex_bibfiles=", "-t", "fake")  # the landing page cites real papers
    with local_server(functools.partial(_QuietHandler, directory=str(out))) as url:
        yield url


@pytest.fixture(scope="session")
def site_url(real_site):
    """The built site served on a free localhost port."""
    with local_server(functools.partial(_QuietHandler, directory=str(real_site[2]))) as url:
        yield url
