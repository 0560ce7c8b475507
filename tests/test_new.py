"""`python -m catalogue new`: a draft from arXiv's API, tested offline against recorded-shape
responses (tests/arxiv/) served on localhost; every failure is one line and writes nothing."""

from __future__ import annotations

import datetime as dt
import http.server
import shutil
import time
import urllib.parse
from pathlib import Path

import pytest
import yaml

from catalogue.new import main
from catalogue.validate import load_catalogue
from conftest import FAKE_DATA, TESTS, local_server

RESPONSES = TESTS / "arxiv"
TODAY = dt.date(2026, 11, 30)
ROUTES = {"2403.00099": "found.xml", "2403.00097": "withdrawn.xml", "2403.00096": "empty.xml", "2403.99999": "error.xml"}


class ArxivStub(http.server.BaseHTTPRequestHandler):
    """arXiv's query endpoint, answering from the recorded responses by id."""

    def do_GET(self):
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        arxiv_id = query.get("id_list", [""])[0]
        if arxiv_id == "2403.00098":
            self.send_response(429)
            self.end_headers()
            return
        body = (RESPONSES / ROUTES.get(arxiv_id, "empty.xml")).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/atom+xml")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def api():
    with local_server(ArxivStub) as url:
        yield f"{url}/api/query"


@pytest.fixture
def root(tmp_path):
    shutil.copytree(FAKE_DATA, tmp_path / "data")
    return tmp_path


def run(root, *args, api=None):
    return main([*args, *(["--api", api] if api else [])], root=root, today=TODAY)


def test_a_draft_from_arxiv_holds_what_arxiv_states_and_validates(root, api, capsys):
    assert run(root, "2403.00099", api=api) == 0
    path = root / "data/papers/fakeembed-x.yaml"
    entry = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert entry["title"] == "FakeEmbed-X: Training Made-Up Embedders for Tests"
    assert entry["short_name"] == "FakeEmbed-X"
    assert entry["authors"] == ["Ada Example", "Björn Ñúñez"]
    assert entry["date"] == "2024-03"  # the first version's month, not the latest's
    assert entry["links"] == {"paper": "https://arxiv.org/abs/2403.00099", "pdf": "https://arxiv.org/pdf/2403.00099"}
    assert entry["unverified"] == ["topics", "summary", "checked"]
    assert "wrote data/papers/fakeembed-x.yaml" in capsys.readouterr().out
    catalogue = load_catalogue(root, today=TODAY)  # the draft is a valid entry awaiting verification
    assert catalogue.by_slug["fakeembed-x"].unverified == ("topics", "summary", "checked")


def test_a_version_suffix_or_prefix_is_accepted(root, api):
    assert run(root, "arXiv:2403.00099v2", "--slug", "fx", api=api) == 0
    assert yaml.safe_load((root / "data/papers/fx.yaml").read_text(encoding="utf-8"))["arxiv"] == "2403.00099"


@pytest.mark.parametrize(("args", "words"), [
    (["24-10.5160"], ["is not an arXiv id"]),
    (["2403.00001"], ["arxiv: 2403.00001 is already data/papers/fakeembed.yaml"]),
    (["2403.00090"], ["considered and left out", "text-only embedder", "data/excluded.yaml"]),
    (["2403.00096"], ["has no paper 2403.00096"]),
    (["2403.99999"], ["incorrect id format"]),
    (["2403.00097"], ["withdrawn", "Table 2"]),
    (["2403.00098"], ["rate-limiting", "429"]),
    (["2403.00099", "--slug", "Bad_Slug"], ["--slug"]),
    (["--title", "A Paper"], ["--title", "--author", "--url"]),
    (["--title", "A Paper", "--author", "A B", "--url", "http://x.example/"], ["https://"]),
    (["--title", "A Paper", "--author", "A B", "--url", "https://x.example/p", "--date", "June 2025"], ["YYYY-MM"]),
    (["--title", "A \ufffe Paper", "--author", "A B", "--url", "https://x.example/p"], ["title", "U+FFFE", "XML"]),
    (["--title", "A \x01 Paper", "--author", "A B", "--url", "https://x.example/p"], ["title", "U+0001"]),
    (["--title", "A Paper", "--author", "A \uffff B", "--url", "https://x.example/p"], ["authors[0]", "U+FFFF"]),
    (["--title", "A Paper", "--author", "A B", "--url", "https://x.example/a|b"], ["( ) [ ] or |"]),
    (["--title", "A Paper", "--author", "A B", "--url", "https://x.example/p", "--date", "0050-01"], ["before 1990"]),
])
def test_each_failure_is_one_line_and_writes_nothing(root, api, capsys, args, words):
    before = sorted(p.name for p in (root / "data/papers").iterdir())
    assert run(root, *args, api=api) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.endswith("nothing was written.") and all(w in err for w in words), err
    assert sorted(p.name for p in (root / "data/papers").iterdir()) == before


def test_no_network_is_one_line(root, capsys):
    with local_server(ArxivStub) as url:
        dead = f"{url}/api/query"
    assert run(root, "2403.00099", api=dead) == 1  # the server is gone: connection refused
    err = capsys.readouterr().err
    assert "cannot reach arXiv's API" in err and len(err.strip().splitlines()) == 1
    assert all(flag in err for flag in ("--title", "--author", "--date", "arXiv id", "--url")), err  # what to do instead


def test_with_the_facts_given_by_hand_an_arxiv_paper_needs_no_network(root):
    with local_server(ArxivStub) as url:
        dead = f"{url}/api/query"
    args = ["2405.01234", "--title", "Made-Up Retrieval at Scale", "--short-name", "MURAS", "--author", "Ada Example",
            "--author", "Bo Example", "--date", "2024-05"]
    assert run(root, *args, api=dead) == 0
    entry = yaml.safe_load((root / "data/papers/muras.yaml").read_text(encoding="utf-8"))  # the slug, from the short name
    assert entry["arxiv"] == "2405.01234" and entry["short_name"] == "MURAS" and entry["date"] == "2024-05"
    assert entry["links"] == {"paper": "https://arxiv.org/abs/2405.01234", "pdf": "https://arxiv.org/pdf/2405.01234"}
    assert load_catalogue(root, today=TODAY).by_slug["muras"].arxiv == "2405.01234"  # the draft validates as it is


def test_every_problem_is_reported_at_once_on_the_file_it_would_have_written(root, capsys):
    before = sorted(p.name for p in (root / "data/papers").iterdir())
    args = ["2403.00001", "--title", "Again: A Paper", "--author", "A B", "--date", "March 2024", "--slug", "again"]
    assert run(root, *args) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == ["error: data/papers/again.yaml: arxiv: 2403.00001 is already data/papers/fakeembed.yaml",
                     "error: data/papers/again.yaml: --date 'March 2024' must be a month as YYYY-MM (the first version's, "
                     "or the proceedings'); nothing was written."]
    assert sorted(p.name for p in (root / "data/papers").iterdir()) == before


def test_it_never_overwrites_a_file(root, api, capsys):
    (root / "data/papers/fakeembed-x.yaml").write_text("mine\n", encoding="utf-8")
    assert run(root, "2403.00099", api=api) == 1
    assert "already exists" in capsys.readouterr().err
    assert (root / "data/papers/fakeembed-x.yaml").read_text(encoding="utf-8") == "mine\n"


def test_a_paper_with_no_arxiv_version_gets_a_draft_from_the_command_line(root):
    args = ["--title", "Dense Made-Up Alignment", "--author", "Ada Example", "--author", "Bo Example",
            "--date", "2025-06", "--url", "https://openaccess.thecvf.com/content/CVPR2025/html/x.html"]
    assert run(root, *args) == 0
    entry = yaml.safe_load((root / "data/papers/dense-made-up-alignment.yaml").read_text(encoding="utf-8"))
    assert entry["authors"] == ["Ada Example", "Bo Example"] and entry["date"] == "2025-06"
    assert entry["links"] == {"paper": "https://openaccess.thecvf.com/content/CVPR2025/html/x.html"}
    load_catalogue(root, today=TODAY)


@pytest.mark.parametrize(("title", "slug"), [("VLM2Vec: Training Models", "vlm2vec"), ("UniME-V2: A Judge", "unime-v2"),
                                             ("Breaking the Batch Barrier of Contrastive Learning", "breaking-the-batch-barrier"),
                                             ("Qwen2.5-VL Embedding: Notes", "qwen25-vl-embedding")])
def test_proposed_slugs(title, slug):
    from catalogue.new import propose_slug
    assert propose_slug(title) == slug


def test_the_module_command_line_dispatches_new(root, api):
    import subprocess
    import sys
    result = subprocess.run([sys.executable, "-m", "catalogue", "new", "2403.00099", "--root", str(root), "--api", api],
                            capture_output=True, text=True, env={"PYTHONPATH": str(Path(__file__).parents[1] / "scripts")},
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert (root / "data/papers/fakeembed-x.yaml").is_file()


# --- discover -----------------------------------------------------------------------------


class SearchStub(http.server.BaseHTTPRequestHandler):
    """arXiv's search endpoint: records the query it was sent and answers with tests/arxiv/search.xml."""

    queries: list[dict] = []

    def do_GET(self):
        SearchStub.queries.append(urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query))
        body = (RESPONSES / "search.xml").read_bytes()
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_discover_lists_uncatalogued_matches_best_first_with_their_commands(root, capsys):
    from catalogue.discover import main as discover
    with local_server(SearchStub) as url:
        assert discover(["--since", "2026-11-20", "--api", f"{url}/api/query"], root=root, today=TODAY) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.startswith("- `")]
    assert [line.split("(arXiv ")[1].split(";")[0] for line in lines] == ["2611.00011", "2611.00012"]
    assert "python3 -m nox -s new -- 2611.00011" in out
    assert "2403.00001" not in out and "Weather" not in out  # catalogued, and off-topic
    sent = SearchStub.queries[-1]["search_query"][0]
    assert "submittedDate:[202611200000 TO 202611302359]" in sent and 'abs:"MMEB"' in sent


def test_discover_reports_a_failure_in_one_line(root, capsys):
    from catalogue.discover import main as discover
    with local_server(ArxivStub) as url:
        dead = f"{url}/api/query"
    assert discover(["--api", dead], root=root, today=TODAY) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


# --- a broken or hostile API ----------------------------------------------------------------


def _trickle(handler, data: bytes, every: float) -> None:
    for i in range(len(data)):
        handler.wfile.write(data[i:i + 1])
        handler.wfile.flush()
        time.sleep(every)


HOSTILE_ANSWERS = {
    "garbage": lambda h: h.wfile.write(b"\x00\xffSSH-2.0-not-http\r\n\r\n"),
    "short body": lambda h: h.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n<feed xmlns='http://www.w3.org/2005/Atom'>"),
    "200 headers": lambda h: h.wfile.write(b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-Header-%d: v\r\n" % i for i in range(200)) + b"\r\n<feed/>"),
    "endless body": lambda h: [h.wfile.write(b"HTTP/1.1 200 OK\r\n\r\n")] + [h.wfile.write(b"<entry>" * 8192) for _ in range(2000)],
    "a byte a second in the body": lambda h: _trickle(h, b"HTTP/1.1 200 OK\r\n\r\n<feed>" + b"x" * 60, 0) or _trickle(h, b"x" * 60, 1.0),
    "a byte a second in the headers": lambda h: _trickle(h, b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"y" * 60, 1.0),
    "not a feed": lambda h: h.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>Oops</body></html>"),
}
EXPECTED = {"garbage": "sent a broken HTTP answer", "short body": "broke off its answer",
            "200 headers": "broken HTTP answer for 2403.00099 (got more than 100 headers)",
            "endless body": "sent more than 4,194,304 bytes", "a byte a second in the body": "no complete answer for 2403.00099 within 3 s",
            "a byte a second in the headers": "no complete answer", "not a feed": "not an Atom feed"}
DEADLINE = 3  # seconds, in place of the real 30 so the test stays short


class HostileStub(http.server.BaseHTTPRequestHandler):
    """Answers every request as the path's first part says, in raw bytes."""

    def do_GET(self):
        name = urllib.parse.unquote(self.path.split("/")[1])
        self.close_connection = True
        try:
            HOSTILE_ANSWERS[name](self)
        except OSError:  # the client hung up: that is the point
            pass

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("answer", HOSTILE_ANSWERS)
def test_a_broken_or_hostile_api_is_one_line_within_the_deadline_and_writes_nothing(root, capsys, monkeypatch, answer):
    from catalogue import new
    monkeypatch.setattr(new, "DEADLINE", DEADLINE)
    before = sorted(p.name for p in (root / "data/papers").iterdir())
    with local_server(HostileStub) as url:
        started = time.monotonic()
        assert run(root, "2403.00099", api=f"{url}/{urllib.parse.quote(answer)}/api/query") == 1
        took = time.monotonic() - started
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("error: ") and err.endswith("nothing was written."), err
    assert "Traceback" not in err and EXPECTED[answer] in err, err
    assert took < DEADLINE + 2, took
    assert sorted(p.name for p in (root / "data/papers").iterdir()) == before


def test_an_endless_answer_is_cut_at_the_size_cap(monkeypatch):
    from catalogue import new
    with local_server(HostileStub) as url:
        with pytest.raises(new.NewEntryError, match="more than 1,000 bytes"):
            new.read_answer(f"{url}/endless%20body/", "the search", deadline=DEADLINE, limit=1000)


def test_discover_against_a_hostile_api_is_one_line(root, capsys):
    from catalogue.discover import main as discover
    with local_server(HostileStub) as url:
        assert discover(["--api", f"{url}/garbage/api/query"], root=root, today=TODAY) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
