"""Start an entry: a draft data/papers/<slug>.yaml from arXiv's API, or from the command line.

    python -m catalogue new 2410.05160
    python -m catalogue new --title "..." --author "First Last" --date 2025-06 --url https://...
    python -m catalogue new 2410.05160 --title "..." --author "First Last" --date 2024-10   (offline)

The draft holds what arXiv states (title, every author, the first version's month, the
abstract and PDF links) and lists what a person still has to write and check (topics,
summary, the check itself) as awaiting verification, so it validates at once. Given the facts
by hand (--title, --author, --date, with an arXiv id or --url) it needs no network. It never
overwrites a file and refuses a paper the catalogue already has; every problem is reported at
once, one line each, and nothing is written. feedparser reads the API's Atom feed.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import re
import socket
import sys
import threading
import urllib.parse
from pathlib import Path

import feedparser
import yaml

from . import urls
from .load import parse_yaml, read_yaml
from .validate import MONTH, SLUG, validate_paper

API = "https://export.arxiv.org/api/query"  # tests point --api at a local server
DEADLINE = 30  # seconds for the whole answer: a server sending a byte every few seconds is cut off
MAX_ANSWER_BYTES = 4 * 1024 * 1024  # MAX_RESULTS entries of search are about 0.5 MB
AWAITING = ["topics", "summary", "checked"]
BY_HAND = ('give the facts by hand instead: --title "..." --author "First Last" (one per author, in order) '
           "--date YYYY-MM, with the arXiv id or --url https://...")


class NewEntryError(Exception):
    """Why no draft was written: one line a problem."""

    def __init__(self, *problems: str):
        super().__init__("\n".join(problems))
        self.problems = problems


def read_answer(url: str, what: str, deadline: float | None = None, limit: int = MAX_ANSWER_BYTES) -> bytes:
    """The body of one GET, bounded in time and size: whatever the server does (garbage, a short
    body, endless headers or body, a byte every few seconds), the result is the body or one
    NewEntryError line, within `deadline` seconds and `limit` bytes."""
    deadline = DEADLINE if deadline is None else deadline
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise NewEntryError(f"{url!r} is not an http(s) address")
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(parts.hostname, parts.port, timeout=deadline)
    expired, sockets = threading.Event(), []

    def cut_off():  # a socket timeout bounds each read, not the answer: shut the socket from outside
        expired.set()
        for sock in sockets:  # the response keeps reading from it after the connection lets go of it
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(deadline, cut_off)
    timer.daemon = True
    timer.start()
    try:
        connection.connect()
        sockets.append(connection.sock)
        if expired.is_set():  # the deadline passed while connecting
            cut_off()
        connection.request("GET", urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, "")),
                           headers={"User-Agent": "universal-multimodal-embedding-papers (python -m catalogue)"})
        response = connection.getresponse()
        if response.status in (429, 503):
            raise NewEntryError(f"arXiv's API is rate-limiting requests (HTTP {response.status}); wait a minute and try again")
        if response.status != 200:
            raise NewEntryError(f"arXiv's API answered HTTP {response.status} for {what}")
        body = response.read(limit + 1)
        if len(body) > limit:
            raise NewEntryError(f"arXiv's API sent more than {limit:,} bytes for {what}; not read further")
        if expired.is_set() or (response.length or 0) > 0:
            raise http.client.IncompleteRead(body)
        return body
    except (http.client.HTTPException, OSError, ValueError) as err:
        if expired.is_set():
            raise NewEntryError(f"arXiv's API sent no complete answer for {what} within {deadline:g} s; try again later") from None
        if isinstance(err, http.client.IncompleteRead):
            raise NewEntryError(f"arXiv's API broke off its answer for {what}; try again") from None
        if isinstance(err, http.client.HTTPException):
            said = "".join(c if c.isascii() and c.isprintable() else "?" for c in " ".join(str(err).split())[:80])
            reason = said or type(err).__name__  # the server's own words, made safe to print
            raise NewEntryError(f"arXiv's API sent a broken HTTP answer for {what} ({reason})") from None
        reason = getattr(err, "strerror", None) or type(err).__name__
        raise NewEntryError(f"cannot reach arXiv's API ({reason}); {BY_HAND}") from None
    finally:
        timer.cancel()
        connection.close()


def read_feed(url: str, what: str) -> list[dict]:
    """The entries of one arXiv API response, as plain data; a failure is a NewEntryError."""
    body = read_answer(url, what)
    feed = feedparser.parse(body)
    if not feed.version.startswith("atom"):
        raise NewEntryError(f"arXiv's API sent something that is not an Atom feed for {what}")
    errors = [e for e in feed.entries if "/api/errors" in e.get("id", "")]
    if errors:
        raise NewEntryError(f"arXiv's API refused {what}: {' '.join(errors[0].get('summary', '').split())}")
    return [_entry(e) for e in feed.entries if e.get("title")]


def _entry(entry) -> dict:
    published = entry.get("published_parsed")
    return {
        "arxiv": re.sub(r"v\d+$", "", entry.get("id", "").rsplit("/abs/", 1)[-1]),
        "title": " ".join(entry.title.split()),
        "abstract": " ".join(entry.get("summary", "").split()),
        "authors": [" ".join(a.get("name", "").split()) for a in entry.get("authors", []) if a.get("name")],
        "date": f"{published.tm_year}-{published.tm_mon:02d}" if published else None,
        "comment": " ".join(entry.get("arxiv_comment", "").split()),
    }


def fetch(arxiv_id: str, api: str = API) -> dict:
    """The first version's metadata of one arXiv paper."""
    query = urllib.parse.urlencode({"id_list": arxiv_id, "max_results": 1})
    entries = read_feed(f"{api}?{query}", arxiv_id)
    if not entries:
        raise NewEntryError(f"arXiv has no paper {arxiv_id}; check the id")
    entry = dict(entries[0], arxiv=arxiv_id)
    if re.search(r"\bwithdrawn\b", entry["comment"], re.IGNORECASE):
        raise NewEntryError(f"arXiv {arxiv_id} has been withdrawn ({entry['comment']}); it is not catalogued")
    return entry


def draft(facts: dict, today: dt.date, url: str | None = None) -> tuple[str, dict]:
    """A proposed slug and the draft entry for `facts` (title, authors, date, arxiv, short_name)."""
    entry: dict = {"title": facts["title"]}
    short = facts.get("short_name") or short_name(facts["title"])
    if short:
        entry["short_name"] = short
    entry["authors"] = facts["authors"]
    if facts.get("date"):
        entry["date"] = facts["date"]
    if facts.get("arxiv"):
        entry["arxiv"] = facts["arxiv"]
        entry["links"] = {"paper": urls.arxiv_abs(facts["arxiv"]), "pdf": urls.arxiv_pdf(facts["arxiv"])}
    else:
        entry["links"] = {"paper": url}
    entry["added"] = today.isoformat()
    entry["unverified"] = AWAITING + ([] if entry.get("date") else ["date"])
    return propose_slug(short or facts["title"]), entry


def short_name(title: str) -> str | None:
    """'VLM2Vec: Training ...' -> 'VLM2Vec': the name before a colon, when it looks like one."""
    head = title.split(":", 1)[0].strip() if ":" in title else ""
    return head if head and len(head) <= 40 and len(head.split()) <= 3 else None


def propose_slug(title: str) -> str:
    """The short name, or the first words of the title, as lowercase words joined by hyphens."""
    base = short_name(title) or " ".join(title.split()[:4])
    slug = re.sub(r"[^a-z0-9]+", "-", base.lower().replace(".", "")).strip("-")
    return slug[:60].strip("-") or "paper"


def existing(root: Path) -> dict[str, str]:
    """arXiv id -> data file, for every entry already in the catalogue."""
    found = {}
    for path in sorted((root / "data" / "papers").glob("*.yaml")):
        data, _ = read_yaml(path, f"data/papers/{path.name}")
        if isinstance(data, dict) and isinstance(data.get("arxiv"), str):
            found[data["arxiv"].strip()] = f"data/papers/{path.name}"
    return found


def excluded(root: Path) -> dict[str, str]:
    """arXiv id or address -> why it was left out (the reason and its note), from data/excluded.yaml."""
    path = root / "data" / "excluded.yaml"
    data, _ = read_yaml(path, "data/excluded.yaml") if path.exists() else (None, [])
    reasons = {}
    for key, entry in (data.items() if isinstance(data, dict) else ()):
        if isinstance(entry, dict):
            reasons[str(key)] = str(entry.get("reason")) + (f": {entry['note']}" if entry.get("note") else "")
    return reasons


def render(entry: dict) -> str:
    text = yaml.safe_dump(entry, sort_keys=False, allow_unicode=True, width=100)
    return ("# yaml-language-server: $schema=../entry.schema.json\n"  # editors complete and check fields (docs/about.md)
            "# Draft written by `python -m catalogue new`: check every fact against the paper, pick 1-4 topics\n"
            "# from data/topics.yaml, write the summary, add the checked block, then remove each from unverified.\n"
            + text)


def write_draft(root: Path, slug: str, entry: dict, today: dt.date) -> Path:
    """Write the draft if the validator accepts it as it will be read back; never overwrite."""
    path = root / "data" / "papers" / f"{slug}.yaml"
    text = render(entry)
    shown = f"data/papers/{slug}.yaml"
    data, problems = parse_yaml(text.encode("utf-8"), shown)
    if data is not None:  # topics and results are left to the contributor, so no vocabulary is needed
        problems = validate_paper(slug, shown, data, {}, today, {})[1]
    if problems:
        raise NewEntryError(f"the draft would not validate ({problems[0].field}: {problems[0].message})")
    try:
        with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(text)
    except FileExistsError:
        raise NewEntryError(f"{path.relative_to(root)} already exists; choose another slug with --slug") from None
    return path


def new_entry(args, root: Path, today: dt.date) -> Path:
    """Check everything the command line says, report every problem at once, then write the draft."""
    by_hand = bool(args.title or args.author or args.date or args.url)
    arxiv_id = re.sub(r"v\d+$", "", args.arxiv.strip().removeprefix("arXiv:").removeprefix("arxiv:")) if args.arxiv else None
    slug = args.slug or (propose_slug(args.short_name or args.title) if args.title else None)
    where = f"data/papers/{slug}.yaml: " if slug else ""
    problems = []
    if arxiv_id is not None and not urls.ARXIV_ID.fullmatch(arxiv_id):
        problems.append(f"{where}arxiv: {args.arxiv!r} is not an arXiv id like 2410.05160")
    elif arxiv_id:
        known, left_out = existing(root).get(arxiv_id), excluded(root).get(arxiv_id)
        if known:
            problems.append(f"{where}arxiv: {arxiv_id} is already {known}")
        if left_out:
            problems.append(f"{where}arxiv: {arxiv_id} was considered and left out ({left_out}; data/excluded.yaml); "
                            "if you think it belongs, move it from there to an entry and say why in your pull request")
    if by_hand or not arxiv_id:
        missing = [flag for flag, given in (("--title", args.title), ("--author", args.author),
                                            ("--url", args.url or arxiv_id)) if not given]
        if missing:
            problems.append(f"{where}give {', '.join(missing)}: by hand, a draft needs --title, one --author per author "
                            "(in order) and the arXiv id or --url")
    if args.url and (url_problems := urls.url_problems(args.url)):
        problems.append(f"{where}--url {args.url!r} {url_problems[0]}")
    if args.date and not MONTH.fullmatch(args.date):
        problems.append(f"{where}--date {args.date!r} must be a month as YYYY-MM (the first version's, or the proceedings')")
    if slug and not SLUG.fullmatch(slug):
        problems.append(f"--slug {slug!r} must be lowercase letters, digits and hyphens")
    if problems:
        raise NewEntryError(*problems)
    if by_hand:
        facts = {"title": " ".join(args.title.split()), "authors": args.author, "date": args.date, "arxiv": arxiv_id,
                 "short_name": args.short_name}
    else:
        facts = fetch(arxiv_id, args.api)
    proposed, entry = draft(facts, today, args.url)
    return write_draft(root, slug or proposed, entry, today)


def main(argv: list[str] | None = None, root: Path | None = None, today: dt.date | None = None) -> int:
    from .generate import ROOT

    parser = argparse.ArgumentParser(prog="python -m catalogue new", description=__doc__.splitlines()[0])
    parser.add_argument("arxiv", nargs="?", help="the arXiv id, e.g. 2410.05160")
    parser.add_argument("--title", help="by hand (offline, or no arXiv version): the exact title")
    parser.add_argument("--author", action="append", help="by hand: one author, repeat in order")
    parser.add_argument("--date", help="by hand: YYYY-MM of the first version (or of the proceedings)")
    parser.add_argument("--url", help="by hand, with no arXiv version: its landing page (CVF, ACL Anthology, OpenReview)")
    parser.add_argument("--short-name", help="by hand: the name readers search for (the slug is proposed from it)")
    parser.add_argument("--slug", help="the file name to use instead of the proposed one")
    parser.add_argument("--root", type=Path, help="project root holding data/ (default: this checkout)")
    parser.add_argument("--api", default=API, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root = root or args.root or ROOT
    try:
        path = new_entry(args, root, today or dt.date.today())
    except NewEntryError as err:
        *first, last = err.problems
        print("".join(f"error: {problem}\n" for problem in first) + f"error: {last}; nothing was written.", file=sys.stderr)
        return 1
    print(f"wrote {path.relative_to(root)}: check it against the paper, then `python -m nox -s validate`")
    return 0
