"""The project's linkcheck configuration against a local HTTP server: how each case is reported."""

import http.server
import time

import pytest
from sphinx.cmd.build import build_main

from catalogue.linkcheck import SETTINGS, classify, data_file, report
from conftest import local_server


class Handler(http.server.BaseHTTPRequestHandler):
    hits: dict = {}

    def log_message(self, *args):
        pass

    def _reply(self, code, headers=(), body=b"<html><body><p id='here'>ok</p></body></html>"):
        self.send_response(code)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self):
        if self.path.startswith("/nohead"):
            return self._reply(405)
        self.do_GET()

    def do_GET(self):
        path = self.path.split("#")[0]
        Handler.hits[path] = Handler.hits.get(path, 0) + 1
        routes = {
            "/ok": lambda: self._reply(200),
            "/nohead": lambda: self._reply(200),
            "/missing": lambda: self._reply(404),
            "/moved": lambda: self._reply(301, [("Location", "/moved-again")]),
            "/moved-again": lambda: self._reply(301, [("Location", "/ok")]),
            "/down": lambda: self._reply(503),
        }
        if path == "/limited":
            if Handler.hits[path] <= 1:
                return self._reply(429, [("Retry-After", "1")])
            return self._reply(200)
        if path == "/slow":
            time.sleep(2.5)
            return self._reply(200)
        routes.get(path, lambda: self._reply(404))()


@pytest.fixture(scope="module")
def server():
    with local_server(Handler) as url:
        yield url


def run_linkcheck(tmp_path, base, paths):
    src = tmp_path / "docs"
    (src / "papers").mkdir(parents=True)
    (src / "conf.py").write_text(
        "from catalogue.linkcheck import SETTINGS\n"
        "globals().update(SETTINGS)\n"
        "linkcheck_timeout = 1\nlinkcheck_retries = 2\nlinkcheck_rate_limit_timeout = 5.0\n"
        "linkcheck_allowed_redirects = {}\n"
    )
    (src / "index.rst").write_text("Home\n====\n\n.. toctree::\n\n   papers/fake\n")
    links = "\n".join(f"- `{p} <{base}{p}>`__" for p in paths)
    (src / "papers" / "fake.rst").write_text(f"Fake\n====\n\n{links}\n")
    out = tmp_path / "out"
    build_main(["-b", "linkcheck", "-q", "-d", str(tmp_path / "doctrees"), str(src), str(out)])
    # Our files are Markdown; the fixture uses rST, so map the name the way a .md page would be.
    output = out / "output.json"
    output.write_text(output.read_text().replace("papers/fake.rst", "papers/fake.md"))
    return report(output)


def test_link_report_classifies_every_case(tmp_path, server):
    Handler.hits.clear()
    text, status = run_linkcheck(
        tmp_path, server, ["/ok", "/missing", "/moved", "/limited", "/slow", "/down", "/nohead", "/ok#absent"])
    assert status == 1  # a 404 and a missing anchor are real breakage
    assert "data/papers/fake.yaml:" in text
    assert f"broken: {server}/missing" in text
    assert f"broken: {server}/ok#absent" in text and "Anchor" in text
    assert f"redirected: {server}/moved" in text
    assert f"timeout: {server}/slow" in text
    assert f"unavailable: {server}/down" in text
    assert f"{server}/limited" not in text and Handler.hits["/limited"] == 2  # waited for Retry-After, then fine
    assert f"{server}/nohead" not in text  # HEAD refused, GET fallback works
    assert Handler.hits["/slow"] >= 2  # a timeout is retried before it is reported


def test_link_report_exit_is_zero_without_real_breakage(tmp_path, server):
    text, status = run_linkcheck(tmp_path, server, ["/ok", "/moved", "/down"])
    assert status == 0
    assert "1 redirected, 1 unavailable" in text


def test_link_report_names_the_data_file():
    assert data_file("papers/vlm2vec.md") == "data/papers/vlm2vec.yaml"
    assert data_file("papers/years/2025.md") == "docs/papers/years/2025.md"
    assert data_file("index.md") == "docs/index.md"
    assert classify({"status": "working"}) is None


def test_link_settings_are_polite():
    assert SETTINGS["linkcheck_workers"] <= 4
    assert SETTINGS["linkcheck_rate_limit_timeout"] <= 60
    assert "linkcheck" in SETTINGS["user_agent"]
