"""Step 2, validate: turn loaded YAML into frozen Paper objects, or say precisely what is wrong.

The validator is a contributor's first reader. It checks every file, collects every problem
as `data/papers/<file>.yaml: <field>: <what is wrong and how to fix it>`, and only then
fails, once. `load_catalogue()` is the one entry point the generator and the CLI use.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import re
import signal
import threading
import unicodedata
from pathlib import Path

from . import urls
from .aliases import load_aliases
from .bibtex import citation_keys, parse_override
from .load import parse_yaml, read_bytes, read_yaml
from .memo import Memo, digest
from .model import (
    EXCLUSION_REASONS,
    MAX_PROBLEMS_PER_FILE,
    SOURCE_KINDS,
    Benchmark,
    Catalogue,
    CatalogueError,
    Checked,
    Excluded,
    Links,
    Paper,
    PendingResult,
    Problem,
    Result,
    Topic,
)
from .released import check_models
from .summary import MAX_WORDS, MIN_WORDS, summary_problems, word_count

REQUIRED = ("title", "authors", "date", "links.paper", "topics", "summary", "checked")
OPTIONAL = (
    "short_name", "arxiv", "venue", "kind", "code", "backbones", "modalities",
    "builds_on", "results", "pending_results", "added", "bibtex", "unverified", "models",
)
MAX_CHECKED_SOURCES = 12
CHECKED_LIMITS = {"label": 60, "url": 500}  # characters
FIELDS = ("title", "authors", "date", "links", "topics", "summary", "checked", *OPTIONAL)
LINK_FIELDS = ("paper", "pdf", "code", "models", "project")
RESULT_FIELDS = ("benchmark", "variant", "size", "backbone", "score", "splits", "zero_shot", "source", "table",
                 "source_kind", "leaderboard_status", "later_paper", "as_of")
RESULT_REQUIRED = ("benchmark", "variant", "score", "source", "table", "source_kind")
RESULT_LIMITS = {"variant": 120, "table": 120, "backbone": 80, "source": 500, "later_paper": 200}  # characters
LEADERBOARD_STATUSES = ("self-reported", "verified")
DATED_KINDS = ("leaderboard", "third-party")  # kinds whose number changes with the day it was read
PENDING_FIELDS = ("benchmark", "reason")
FIRST_YEAR = 1990  # no date in the catalogue is older: an earlier one is a typo
BENCHMARK_FIELDS = ("name", "metric", "overall", "link", "splits", "split_of")
MAX_SIZE_B = 1000  # parameters in billions; a bigger number is a unit mistake (7 means 7B)
# Required facts that may wait for verification: absent, or shown with a warning until confirmed.
# The title stays required: a page needs a name.
MAY_AWAIT = ("authors", "date", "links.paper", "topics", "summary", "checked")

KINDS = ("method", "benchmark", "technical-report", "study", "reranker", "model")  # model: a release without a paper
CODE_STATES = ("released", "weights-only", "unreleased")
MODALITIES = ("text", "image", "video", "audio", "document")
RESERVED_SLUGS = {"index", "all", "years", "topics", "leaderboards", "new", "search", "genindex", "excluded"}
RESERVED_TOPICS = {"index"}  # topics/index.md is the overview of all topics

# Patterns are used with fullmatch only: `$` in re.match also matches before a final newline.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
BADGE_TEXT = re.compile(r"[^`<>{}|\\]+")  # shown inside a role, where escapes do not work
# Invisible characters that can reorder or hide text (bidi overrides, zero-width, C0/C1 controls).
INVISIBLE = {"Cc", "Cf", "Co", "Cs", "Zl", "Zp"}
MAX_TOPICS = 4
MAX_ITEMS = 100  # authors, backbones, ...
# Longest accepted text per field (titles in this field run to about 150 characters).
MAX_CHARS = {"title": 300, "short_name": 40, "authors": 100, "venue": 80, "backbones": 80}
SECONDS_PER_FILE = 10  # a file that takes longer to check than this is refused, not waited for


def load_catalogue(root: Path, today: dt.date | None = None, memo: Memo | None = None) -> Catalogue:
    """Load and validate `root/data`; raise CatalogueError listing every problem at once.

    With a Memo from the previous build, a file whose bytes and context are unchanged is not
    parsed or checked again: its result is reused.
    """
    today = today or dt.date.today()
    memo = memo or Memo()
    data_dir = root / "data"
    problems: list[Problem] = []

    topics, topic_problems = _load_topics(data_dir / "topics.yaml", "data/topics.yaml")
    problems += topic_problems
    benchmarks, benchmark_problems = _load_benchmarks(data_dir / "benchmarks.yaml", "data/benchmarks.yaml")
    problems += benchmark_problems
    excluded, excluded_problems = _load_excluded(data_dir / "excluded.yaml", "data/excluded.yaml")
    problems += excluded_problems

    papers_dir = data_dir / "papers"
    for folder in (data_dir, papers_dir):
        if folder.is_symlink():
            problems.append(Problem(str(folder.relative_to(root)), "folder", "is a symbolic link; it must be a real folder"))
    if problems:
        raise CatalogueError(problems)
    paths = sorted(papers_dir.glob("*"))
    slugs = {path.stem for path in paths if path.suffix == ".yaml"}
    # Everything a file's own check depends on besides the file (other files: cross_check).
    context = digest(repr((list(topics.values()), list(benchmarks.values()), today)).encode())
    papers = []
    for path in paths:
        shown = f"data/papers/{_shown(path.name, quoted=False)}"  # one line, whatever the name holds
        if path.suffix != ".yaml":
            problems.append(Problem(shown, "file", "is not a .yaml file; entries are data/papers/<slug>.yaml"))
            continue
        raw, found = read_bytes(path, shown)
        problems += found
        if raw is None:
            continue
        paper, found = memo.get(("paper", path.name, digest(raw), context),
                                _check_file_in_time, path.stem, shown, raw, topics, benchmarks, today)
        problems += found
        if paper:
            papers.append(paper)
    problems += cross_check(papers, slugs)
    problems += _excluded_but_catalogued(excluded, papers)
    aliases, alias_problems = load_aliases(data_dir / "bibtex-aliases.yaml", papers, citation_keys(papers))
    problems += alias_problems
    if problems:
        raise CatalogueError(problems)
    papers.sort(key=lambda p: (p.date or "", p.added or "", p.slug), reverse=True)
    return Catalogue(papers=tuple(papers), topics=topics, benchmarks=benchmarks, excluded=excluded, aliases=aliases)


class _TooSlow(Exception):
    pass


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Interrupt the block after `seconds` (main thread, where signals arrive; elsewhere unbounded)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def interrupt(signum, frame):
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _check_file_in_time(slug, shown, raw, topics, benchmarks, today) -> tuple[Paper | None, list[Problem]]:
    try:
        with _time_limit(SECONDS_PER_FILE):
            return _check_file(slug, shown, raw, topics, benchmarks, today)
    except _TooSlow:
        return None, [Problem(shown, "file", f"took over {SECONDS_PER_FILE} s to check; simplify the summary")]


def _check_file(slug, shown, raw, topics, benchmarks, today) -> tuple[Paper | None, list[Problem]]:
    data, problems = parse_yaml(raw, shown)
    if data is None:
        return None, problems
    return validate_paper(slug, shown, data, topics, today, benchmarks)


def _load_topics(path: Path, shown: str) -> tuple[dict[str, Topic], list[Problem]]:
    data, problems = read_yaml(path, shown)
    topics: dict[str, Topic] = {}
    for slug, entry in (data or {}).items():
        field = _shown(slug, quoted=False)
        if not isinstance(slug, str) or not SLUG.fullmatch(slug):
            problems.append(Problem(shown, field, "topic slugs are lowercase words joined by hyphens"))
            continue
        if slug in RESERVED_TOPICS:
            problems.append(Problem(shown, field, f"'{slug}' is reserved for the topics overview page; choose another slug"))
            continue
        if not isinstance(entry, dict) or set(entry) != {"title", "description"}:
            problems.append(Problem(shown, field, "needs exactly two fields: title and description"))
            continue
        if not all(isinstance(v, str) and v.strip() and not _invisible(v) for v in entry.values()):
            problems.append(Problem(shown, field, "title and description must be non-empty text without control characters"))
            continue
        topics[slug] = Topic(slug, entry["title"].strip(), entry["description"].strip())
    return topics, problems


def _load_benchmarks(path: Path, shown: str) -> tuple[dict[str, Benchmark], list[Problem]]:
    data, problems = read_yaml(path, shown)
    benchmarks: dict[str, Benchmark] = {}
    entries = data or {}
    for slug, entry in entries.items():
        field = _shown(slug, quoted=False)
        if not isinstance(slug, str) or not SLUG.fullmatch(slug) or slug == "index":
            problems.append(Problem(shown, field, "benchmark slugs are lowercase words joined by hyphens (and not 'index')"))
            continue
        if not isinstance(entry, dict):
            problems.append(Problem(shown, field, f"needs the fields {', '.join(BENCHMARK_FIELDS[:3])}"))
            continue
        f = _Fields(shown, entry)
        for key in entry:
            if key not in BENCHMARK_FIELDS:
                problems.append(Problem(shown, f"{field}.{_shown(key, quoted=False)}", f"unknown field{_suggest(key, BENCHMARK_FIELDS)}"))
        texts = {key: f.text(entry, key, f"{field}.{key}", limit=400) for key in ("name", "metric", "overall", "link")}
        for key in ("name", "metric", "overall"):
            if texts[key] is None and key not in entry:
                problems.append(Problem(shown, f"{field}.{key}", "is required"))
        for message in urls.url_problems(texts["link"]) if texts["link"] else []:
            problems.append(Problem(shown, f"{field}.link", f"{_shown(texts['link'])} {message}"))
        splits = f.texts("splits")
        split_of = entry.get("split_of")
        if split_of is not None and not (isinstance(split_of, dict) and set(split_of) == {"benchmark", "split"}):
            problems.append(Problem(shown, f"{field}.split_of", "must be {benchmark: <slug>, split: <one of its splits>}"))
            split_of = None
        problems += f.problems
        if not f.problems and all(texts[k] for k in ("name", "metric", "overall")):
            benchmarks[slug] = Benchmark(slug, texts["name"], texts["metric"], texts["overall"], texts["link"], splits,
                                         (split_of["benchmark"], split_of["split"]) if split_of else None)
    for benchmark in benchmarks.values():
        if benchmark.split_of:
            parent, split = benchmark.split_of
            if parent not in benchmarks or split not in benchmarks[parent].splits:
                problems.append(Problem(shown, f"{benchmark.slug}.split_of", f"'{parent}' has no split '{split}'"))
    return benchmarks, problems


EXCLUDED_FIELDS = ("title", "reason", "note")


def _load_excluded(path: Path, shown: str) -> tuple[tuple[Excluded, ...], list[Problem]]:
    """The ledger of candidates left out: {arXiv id or https:// address: {title, reason, note}}.
    A missing file is an empty ledger."""
    if not path.exists() and not path.is_symlink():
        return (), []
    data, problems = read_yaml(path, shown)  # a mapping, or None with the problem
    out = []
    for key, entry in (data or {}).items():
        field = _shown(key, quoted=False)
        if not isinstance(key, str) or not (urls.ARXIV_ID.fullmatch(key) or key.startswith("https://")):
            problems.append(Problem(shown, field, "each key is an arXiv id in quotes (\"2103.00020\") or the https:// "
                                                  "address the candidate was found at"))
            continue
        if not isinstance(entry, dict):
            problems.append(Problem(shown, field, "needs title and reason, e.g. {title: ..., reason: not a retriever}"))
            continue
        f = _Sub(_Fields(shown, {}), field, entry)
        f.keys(EXCLUDED_FIELDS, ("title", "reason"), {"reason": f" (one of: {', '.join(EXCLUSION_REASONS)})"})
        for message in urls.url_problems(key) if key.startswith("https://") else []:
            f.bad("address", f"{_shown(key)} {message}")
        title = f.text(f.data, "title", "title", limit=MAX_CHARS["title"])
        reason = _choice(f, "reason", EXCLUSION_REASONS) if f.data.get("reason") is not None else None
        note = f.text(f.data, "note", "note", limit=RESULT_LIMITS["later_paper"])
        if reason in ("duplicate", "other") and not note:
            f.bad("note", f"is required with reason '{reason}': name the entry it duplicates, or say what the reason is")
        problems += f.problems
        if not f.problems:
            out.append(Excluded(key, title, reason, note))
    return tuple(out), problems


def _excluded_but_catalogued(excluded: tuple[Excluded, ...], papers: list[Paper]) -> list[Problem]:
    """A paper cannot be both in the catalogue and left out of it (a duplicate may share its id)."""
    catalogued = {p.arxiv: p.path for p in papers if p.arxiv} | {p.links.paper: p.path for p in papers if p.links.paper}
    return [Problem("data/excluded.yaml", e.key, f"is also the entry {catalogued[e.key]}; remove one of the two")
            for e in excluded if e.key in catalogued and e.reason != "duplicate"]


def _suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(str(word)[:100], list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _shown(value, quoted: bool = True) -> str:
    """A value as a message may show it: short text, a number, or only its type, never a
    whole list or mapping (which may be huge, or not the contributor's to show)."""
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        text = "".join(c if c.isprintable() else "?" for c in text)
        return f"'{text}'" if quoted else text
    if isinstance(value, (bool, int, float, dt.date)) or value is None:
        return str(value)
    return _type(value)


def _invisible(text: str, allowed: str = "") -> str | None:
    """The first invisible or control character in `text`, named for the contributor."""
    for char in text:
        if char not in allowed and unicodedata.category(char) in INVISIBLE:
            return f"U+{ord(char):04X} {unicodedata.name(char, 'CONTROL CHARACTER')}"
    return None


class _Fields:
    """Typed access to one entry's fields that records a Problem for each wrong value."""

    def __init__(self, shown: str, data: dict):
        self.shown, self.data, self.problems = shown, data, []

    def bad(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.shown, field, message))

    def suggest(self, word, choices) -> str:
        """_suggest while the file's problems would still be shown: a file of thousands of
        unknown keys is reported in a moment (only MAX_PROBLEMS_PER_FILE are shown)."""
        return _suggest(word, choices) if len(self.problems) < MAX_PROBLEMS_PER_FILE else ""

    def sub(self, prefix: str, data: dict) -> _Fields:
        """The same reader for a nested mapping, reporting under `prefix` (models[0].licence)."""
        return _Sub(self, prefix, data)

    def keys(self, allowed, required, hints: dict[str, str]) -> None:
        """A nested mapping's keys: each unknown one, and each required one left out or empty."""
        for key in self.data:
            if key not in allowed:
                self.bad(_shown(key, quoted=False), f"unknown field{self.suggest(key, allowed)}")
        for key in required:
            if self.data.get(key) in (None, ""):
                self.bad(key, f"is required{hints.get(key, '')}")

    def text(self, data: dict, key: str, field: str, pattern=None, limit: int = 200) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.bad(field, f"must be text, not {_type(value)}; put it in quotes")
            return None
        value = value.strip()
        hidden = _invisible(value)
        if not value:
            self.bad(field, "is empty; fill it in or leave the field out")
        elif len(value) > limit:
            self.bad(field, f"is {len(value):,} characters; keep it under {limit}")
        elif hidden:
            self.bad(field, f"contains {hidden}, an invisible or control character; delete it (retype the text if unsure where)")
        elif pattern and not pattern.fullmatch(value):
            self.bad(field, "must be one line of plain text, without ` < > { } | \\")
        else:
            return value
        return None

    def url(self, url: str | None, field: str) -> str | None:
        """`url` if it passes the shape checks every link must pass, else None (and a problem)."""
        if url is None:
            return None
        messages = urls.url_problems(url)
        for message in messages:
            self.bad(field, f"{_shown(url)} {message}")
        return None if messages else url

    def texts(self, key: str, choices=None, pattern=None) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.bad(key, f"must be a list (one '- item' per line), not {_type(value)}")
            return ()
        if len(value) > MAX_ITEMS:
            self.bad(key, f"has {len(value):,} items; at most {MAX_ITEMS}")
            return ()
        out = []
        for i, item in enumerate(value):
            text = self.text({"x": item}, "x", f"{key}[{i}]", pattern, MAX_CHARS.get(key, 200))
            if text is None:
                if item is None:
                    self.bad(f"{key}[{i}]", "is empty; remove the line or fill it in")
                continue
            if choices is not None and text not in choices:
                self.bad(f"{key}[{i}]", f"{_shown(text)} is not one of: {', '.join(choices)}{_suggest(text, choices)}")
                continue
            if text in out:
                self.bad(f"{key}[{i}]", f"{_shown(text)} is listed twice; remove one")
                continue
            out.append(text)
        return tuple(out)


def _type(value) -> str:
    return {dict: "a mapping", list: "a list", bool: "true/false", int: "a number", float: "a number",
            dt.date: "a date", type(None): "empty"}.get(type(value), type(value).__name__)


def validate_paper(
    slug: str, shown: str, data: dict, topics: dict[str, Topic], today: dt.date,
    benchmarks: dict[str, Benchmark] | None = None,
) -> tuple[Paper | None, list[Problem]]:
    f = _Fields(shown, data)
    if not SLUG.fullmatch(slug):
        f.bad("file", "the file name is the page URL: use lowercase letters, digits and hyphens, e.g. vlm2vec-v2.yaml")
    elif slug in RESERVED_SLUGS or re.fullmatch(r"\d{4}", slug):
        f.bad("file", f"'{slug}' is reserved for a site page; choose another file name")

    for key in data:
        if key not in FIELDS:
            f.bad(_shown(key, quoted=False), f"unknown field{f.suggest(key, FIELDS)}; allowed fields: {', '.join(FIELDS)}")

    unverified = f.texts("unverified", MAY_AWAIT)
    missing = [name for name in REQUIRED if name not in unverified and _absent(data, name)]
    for name in missing:
        f.bad(name, "is required" + ("; if it cannot be confirmed yet, list it under unverified" if name in MAY_AWAIT else ""))

    title = f.text(data, "title", "title", limit=MAX_CHARS["title"])
    short_name = f.text(data, "short_name", "short_name", limit=MAX_CHARS["short_name"])
    authors = f.texts("authors")
    for i, author in enumerate(authors):
        if "," in author or " and " in author or any(c.isdigit() or c in "*†‡" for c in author):
            f.bad(f"authors[{i}]", f"{_shown(author)} should be one name as 'First Last', without commas, marks or 'and'")

    date = _month(f, "date", today)
    added = _day(f, "added", today)
    arxiv = _arxiv(f, date)
    venue = f.text(data, "venue", "venue", BADGE_TEXT, MAX_CHARS["venue"])
    if venue and not re.search(r"\b(19|20)\d{2}\b", venue):
        f.bad("venue", f"'{venue}' needs the year of the venue, e.g. 'CVPR 2025'")
    kind = _choice(f, "kind", KINDS)
    code = _choice(f, "code", CODE_STATES)
    links = _links(f, arxiv)
    topic_slugs = f.texts("topics", None)
    for i, topic in enumerate(topic_slugs):
        if topic not in topics:
            f.bad(f"topics[{i}]", f"'{topic}' is not a topic in data/topics.yaml{_suggest(topic, topics)}")
    if isinstance(data.get("topics"), list) and data["topics"] and not 1 <= len(topic_slugs) <= MAX_TOPICS:
        f.bad("topics", f"give 1 to {MAX_TOPICS} topics (found {len(topic_slugs)})")
    builds_on = f.texts("builds_on", None)
    for i, other in enumerate(builds_on):
        if other == slug:
            f.bad(f"builds_on[{i}]", "a paper cannot build on itself")
    summary = _summary(f)
    bibtex = _bibtex(f)
    results = _results(f, benchmarks or {}, today)
    pending = _pending_results(f, benchmarks or {})
    models = check_models(f, data.get("models"), {r.variant for r in results})
    checked = _checked(f, today)

    paper = None
    if not f.problems:
        paper = Paper(
            slug=slug, path=shown, title=title or "", summary=summary or "", topics=topic_slugs,
            authors=authors, date=date, links=links, short_name=short_name, arxiv=arxiv, venue=venue,
            code=code, kind=kind, backbones=f.texts("backbones"), modalities=f.texts("modalities", MODALITIES),
            builds_on=builds_on, results=results, pending_results=pending, added=added, bibtex=bibtex, unverified=unverified, checked=checked,
            models=models,
        )
        if f.problems:  # texts() above may still have found something
            paper = None
    return paper, f.problems


def _absent(data: dict, name: str) -> bool:
    if name == "links.paper":
        links = data.get("links")
        return not isinstance(links, dict) or links.get("paper") in (None, "")
    return data.get(name) in (None, "", [])


def _month(f: _Fields, key: str, today: dt.date) -> str | None:
    value = f.data.get(key)
    if value is None:
        return None
    if isinstance(value, dt.date) or not isinstance(value, str) or not MONTH.fullmatch(value.strip()):
        f.bad(key, f"{_shown(value)} must be a month as YYYY-MM, e.g. 2024-10 (the first public version)")
        return None
    value = value.strip()
    if value > today.strftime("%Y-%m"):
        f.bad(key, f"{value} is in the future; use the month the paper first appeared")
        return None
    if int(value[:4]) < FIRST_YEAR:
        f.bad(key, f"{value} is before {FIRST_YEAR}; check the year")
        return None
    return value


def _day(f: _Fields, key: str, today: dt.date) -> str | None:
    value = f.data.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        f.bad(key, f"{_shown(value)} must be a date as YYYY-MM-DD")
        return None
    if value > today:
        f.bad(key, f"{value} is in the future; use the day the entry was added")
        return None
    if value.year < FIRST_YEAR:
        f.bad(key, f"{value} is before {FIRST_YEAR}; check the year")
        return None
    return value.isoformat()


def _arxiv(f: _Fields, date: str | None) -> str | None:
    value = f.data.get("arxiv")
    if value is None:
        return None
    if isinstance(value, float):
        f.bad("arxiv", f"{value} was read as a number; quote the id, e.g. arxiv: \"2410.05160\"")
        return None
    if not isinstance(value, str) or not urls.ARXIV_ID.fullmatch(value.strip()):
        f.bad("arxiv", f"{_shown(value)} is not an arXiv id like \"2410.05160\" (no 'arXiv:' prefix, no version)")
        return None
    value = value.strip()
    month = f"20{value[:2]}-{value[2:4]}"
    if date and date not in (month, _previous_month(month)):
        # An id is numbered by the month it was assigned, at most a few days after the first
        # submission: any other month means a wrong id or a wrong date.
        f.bad("date", f"{date} does not match arXiv {value}, assigned in {month}; check both")
    return value


def _previous_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:])
    return f"{year - 1}-12" if mon == 1 else f"{year}-{mon - 1:02d}"


def _choice(f: _Fields, key: str, choices) -> str | None:
    value = f.data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or value not in choices:
        f.bad(key, f"{_shown(value)} is not one of: {', '.join(choices)}{_suggest(value, choices)}")
        return None
    return value


def _links(f: _Fields, arxiv: str | None) -> Links:
    value = f.data.get("links")
    if value is None:
        return Links()
    if not isinstance(value, dict):
        f.bad("links", f"must be a mapping of {', '.join(LINK_FIELDS)}, not {_type(value)}")
        return Links()
    found = {}
    for key, url in value.items():
        field = f"links.{_shown(key, quoted=False)}"
        if key not in LINK_FIELDS:
            f.bad(field, f"unknown link{f.suggest(key, LINK_FIELDS)}; allowed: {', '.join(LINK_FIELDS)}")
            continue
        if url is None:
            continue
        if not isinstance(url, str):
            f.bad(field, f"must be a URL, not {_type(url)}")
            continue
        messages = urls.url_problems(url)
        if not messages and key == "paper":
            messages = urls.paper_link_problems(url, arxiv)
        if not messages and key == "code":
            paper = value.get("paper")  # reported on its own line when it is not a URL
            messages = urls.code_link_problems(url, paper if isinstance(paper, str) else None)
        if not messages and key == "pdf" and arxiv and urls.arxiv_id_in(url) not in (None, arxiv):
            messages = [f"points at arXiv {urls.arxiv_id_in(url)}, but the entry is arXiv {arxiv}"]
        for message in messages:
            f.bad(field, f"{_shown(url)} {message}")
        if not messages:
            found[key] = url
    return Links(**found)


def _summary(f: _Fields) -> str | None:
    value = f.data.get("summary")
    if value is None:
        return None
    if not isinstance(value, str):
        f.bad("summary", f"must be Markdown text (use 'summary: |' and indent it), not {_type(value)}")
        return None
    if not value.strip():
        f.bad("summary", "is empty; write 80-200 words on the problem, the idea, the backbone and the result")
        return None
    hidden = _invisible(value, allowed="\n\t")
    messages = [f"contains {hidden}, an invisible or control character; delete it"] if hidden else summary_problems(value)
    for message in messages:
        f.bad("summary", message)
    if messages:
        return None
    words = word_count(value)
    if not MIN_WORDS <= words <= MAX_WORDS:
        f.bad("summary", f"has {words} words; write {MIN_WORDS}-{MAX_WORDS} words")
        return None
    return value.strip() + "\n"


def _checked(f: _Fields, today: dt.date) -> Checked | None:
    value = f.data.get("checked")
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"month", "sources"}:
        f.bad("checked", "must be a mapping with month (YYYY-MM) and sources (a list of label and url)")
        return None
    month = _month(_Sub(f, "checked", value), "month", today)
    if value["month"] is None:  # not a silently dropped check
        f.bad("checked.month", "is required: the month you checked the facts, as YYYY-MM")
    sources = value["sources"]
    if not isinstance(sources, list) or not 1 <= len(sources) <= MAX_CHECKED_SOURCES:
        f.bad("checked.sources", f"must list 1 to {MAX_CHECKED_SOURCES} sources you read, each with label and url")
        return None
    found = []
    for i, source in enumerate(sources):
        field = f"checked.sources[{i}]"
        if not isinstance(source, dict) or set(source) != {"label", "url"}:
            f.bad(field, "must have exactly label (e.g. 'arXiv abstract') and url")
            continue
        for key in ("label", "url"):
            if source[key] is None:
                f.bad(f"{field}.{key}", "is required: " + ("what you read, e.g. 'arXiv abstract'" if key == "label" else "its https:// address"))
        label = f.text(source, "label", f"{field}.label", BADGE_TEXT, limit=CHECKED_LIMITS["label"])
        url = f.url(f.text(source, "url", f"{field}.url", limit=CHECKED_LIMITS["url"]), f"{field}.url")
        if label and url:
            found.append((label, url))
    return Checked(month, tuple(found)) if month and len(found) == len(sources) else None


def _bibtex(f: _Fields):
    value = f.data.get("bibtex")
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 8000:
        f.bad("bibtex", "must be one BibTeX entry (text, under 8,000 characters); or leave it out to have it generated")
        return None
    override, messages = parse_override(value)
    for message in messages:
        f.bad("bibtex", message)
    return override


def _results(f: _Fields, benchmarks: dict[str, Benchmark], today: dt.date) -> tuple[Result, ...]:
    value = f.data.get("results")
    if value is None:
        return ()
    if not isinstance(value, list):
        f.bad("results", f"must be a list of results, not {_type(value)}")
        return ()
    if len(value) > MAX_ITEMS:  # the boards would publish some and silently drop the rest
        f.bad("results", f"has {len(value):,} results; at most {MAX_ITEMS}: keep the overall scores the paper reports, one per model")
        return ()
    out, seen = [], {}
    for i, item in enumerate(value):
        field = f"results[{i}]"
        if not isinstance(item, dict):
            f.bad(field, f"must be a mapping with {', '.join(RESULT_FIELDS)}")
            continue
        result = _result(_Sub(f, field, item), benchmarks, today)
        if result is None:
            continue
        # One model may carry a number from each kind of source, and from each dated snapshot.
        key = (result.benchmark, result.variant, result.source_kind, result.as_of)
        if key in seen:
            f.bad(f"{field}.variant", f"results[{seen[key]}] already gives {result.variant} on {result.benchmark} "
                                      f"from a {result.source_kind} source{' as of ' + result.as_of if result.as_of else ''}; "
                                      "keep one row per benchmark, variant, kind of source and date")
            continue
        seen[key] = i
        out.append(result)
    return tuple(out)


def _result(r: _Sub, benchmarks: dict[str, Benchmark], today: dt.date) -> Result | None:
    item, before = r.data, len(r.problems)
    hints = {"benchmark": f" (one of: {', '.join(benchmarks)})", "variant": " (the model as the source names it)",
             "score": " (the overall score, as printed)", "source": " (the URL where the number is printed)",
             "table": " (where in the source: 'Table 2', 'README, results table')",
             "source_kind": f" (one of: {', '.join(SOURCE_KINDS)})"}
    r.keys(RESULT_FIELDS, RESULT_REQUIRED, hints)
    benchmark = None
    if item.get("benchmark") is not None:
        benchmark = _choice(r, "benchmark", tuple(benchmarks))
    variant = r.text(item, "variant", "variant", limit=RESULT_LIMITS["variant"])
    table = r.text(item, "table", "table", limit=RESULT_LIMITS["table"])
    backbone = r.text(item, "backbone", "backbone", limit=RESULT_LIMITS["backbone"])
    source = r.text(item, "source", "source", limit=RESULT_LIMITS["source"])
    if source and not source.startswith("https://"):
        r.bad("source", f"{_shown(source)} must be the https:// address where the score is printed (the table goes in table:)")
    else:
        source = r.url(source, "source")
    kind = _choice(r, "source_kind", SOURCE_KINDS) if item.get("source_kind") is not None else None
    status = _choice(r, "leaderboard_status", LEADERBOARD_STATUSES) if item.get("leaderboard_status") is not None else None
    later = r.text(item, "later_paper", "later_paper", limit=RESULT_LIMITS["later_paper"])
    if kind == "leaderboard" and not status:
        r.bad("leaderboard_status", "is required for a leaderboard score: self-reported or verified, as the board marks it")
    if kind == "third-party" and not later:
        r.bad("later_paper", "is required for a third-party score: name the later paper, e.g. 'RzenEmbed (arXiv 2510.27350)'")
    if status and kind != "leaderboard":
        r.bad("leaderboard_status", "only goes with source_kind: leaderboard")
    if later and kind != "third-party":
        r.bad("later_paper", "only goes with source_kind: third-party")
    as_of = _as_of(r, item.get("as_of"), today)
    if kind in DATED_KINDS and as_of is None and item.get("as_of") is None:
        when = "the date of the board's snapshot" if kind == "leaderboard" else "the month of the later paper's version"
        r.bad("as_of", f"is required for a {kind} score: {when}, as YYYY-MM-DD or YYYY-MM")
    score = _percentage(r, "score", item.get("score"))
    size = item.get("size")
    if size is not None and (isinstance(size, bool) or not isinstance(size, (int, float)) or not 0 < size < MAX_SIZE_B):
        r.bad("size", f"{_shown(size)} must be the parameter count in billions as a number, e.g. 7 or 2.21 (not '7B')")
        size = None
    zero_shot = item.get("zero_shot")
    if zero_shot is not None and not isinstance(zero_shot, bool):
        r.bad("zero_shot", f"{_shown(zero_shot)} must be true or false (or left out when the source does not say)")
    splits = _splits(r, item.get("splits"), benchmarks.get(benchmark) if benchmark else None)
    if len(r.problems) > before:
        return None
    return Result(benchmark=benchmark, variant=variant, score=score, source=source, table=table, source_kind=kind,
                  size=size, backbone=backbone, splits=splits, zero_shot=zero_shot, leaderboard_status=status,
                  later_paper=later, as_of=as_of)


def _as_of(r: _Sub, value, today: dt.date) -> str | None:
    """The date a number is from, as YYYY-MM-DD or YYYY-MM (a paper version gives only a month)."""
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = value.isoformat()  # YAML reads an unquoted 2026-08-15 as a date
    text = value.strip() if isinstance(value, str) else ""
    day = None
    if MONTH.fullmatch(text):
        day = dt.date(int(text[:4]), int(text[5:7]), 1)
    else:
        with contextlib.suppress(ValueError):
            day = dt.date.fromisoformat(text) if len(text) == 10 else None
    if day is None:
        r.bad("as_of", f"{_shown(value)} must be a date as YYYY-MM-DD or a month as YYYY-MM")
    elif day > today:
        r.bad("as_of", f"{text} is in the future; use the date the source printed the number")
    elif day.year < FIRST_YEAR:
        r.bad("as_of", f"{text} is before {FIRST_YEAR}; check the year")
    else:
        return text
    return None


def _pending_results(f: _Fields, benchmarks: dict[str, Benchmark]) -> tuple[PendingResult, ...]:
    """Benchmarks the paper reports on whose numbers are not entered yet: listed under each board."""
    value = f.data.get("pending_results")
    if value is None:
        return ()
    if not isinstance(value, list):
        f.bad("pending_results", "must be a list of {benchmark, reason}")
        return ()
    if len(value) > MAX_ITEMS:
        f.bad("pending_results", f"has {len(value):,} items; at most {MAX_ITEMS}, one per benchmark")
        return ()
    out, seen = [], set()
    for i, item in enumerate(value):
        field = f"pending_results[{i}]"
        if not isinstance(item, dict):
            f.bad(field, "must be a mapping with benchmark and reason, e.g. {benchmark: mmeb-v2, reason: table not yet read}")
            continue
        r, before = _Sub(f, field, item), len(f.problems)
        r.keys(PENDING_FIELDS, PENDING_FIELDS, {"benchmark": f" (one of: {', '.join(benchmarks)})",
                                                "reason": " (why the number is not entered: 'table not yet read')"})
        benchmark = _choice(r, "benchmark", tuple(benchmarks)) if item.get("benchmark") is not None else None
        reason = r.text(item, "reason", "reason", BADGE_TEXT, RESULT_LIMITS["table"])
        if benchmark in seen:
            r.bad("benchmark", f"{benchmark} is listed twice; give one reason")
        seen.add(benchmark)
        if len(f.problems) == before:
            out.append(PendingResult(benchmark, reason))
    return tuple(out)


def _percentage(r: _Fields, field: str, value) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        r.bad(field, f"{_shown(value)} must be a number from 0 to 100, as printed in the source")
        return None
    return value


def _splits(r: _Sub, value, benchmark: Benchmark | None) -> tuple[tuple[str, float], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        r.bad("splits", f"must be a mapping of split: score, not {_type(value)}")
        return ()
    allowed = benchmark.splits if benchmark else ()
    out = []
    for name, score in value.items():
        if name not in allowed:
            hint = f"; {benchmark.name} has: {', '.join(allowed)}" if allowed else (f"; {benchmark.name} has no splits" if benchmark else "")
            r.bad(f"splits.{_shown(name, quoted=False)}", f"is not a split of this benchmark{_suggest(name, allowed)}{hint}")
            continue
        score = _percentage(r, f"splits.{name}", score)
        if score is not None:
            out.append((name, score))
    order = {name: i for i, name in enumerate(allowed)}
    return tuple(sorted(out, key=lambda pair: order[pair[0]]))


class _Sub(_Fields):
    """A view of a nested mapping (one result) that reports problems under its own path."""

    def __init__(self, parent: _Fields, prefix: str, data: dict):
        self.shown, self.data, self.problems = parent.shown, data, parent.problems
        self.prefix = prefix

    def bad(self, field: str, message: str) -> None:
        super().bad(f"{self.prefix}.{field}", message)


def normalise_title(title: str) -> str:
    folded = unicodedata.normalize("NFKD", title).casefold()
    return re.sub(r"[^a-z0-9]+", "", folded)


def cross_check(papers: list[Paper], slugs: set[str]) -> list[Problem]:
    """Problems no single file shows: a link to a paper that is not there, the same paper twice."""
    problems = [
        Problem(paper.path, f"builds_on[{i}]", f"'{other}' is not a paper in data/papers{_suggest(other, slugs)}")
        for paper in papers for i, other in enumerate(paper.builds_on) if other not in slugs
    ]
    for label, key in (("arxiv", lambda p: p.arxiv), ("title", lambda p: normalise_title(p.title) or None)):
        seen: dict[str, Paper] = {}
        for paper in sorted(papers, key=lambda p: p.path):
            value = key(paper)
            if value is None:
                continue
            if value in seen:
                problems.append(
                    Problem(paper.path, label, f"duplicates {seen[value].path}; one paper, one entry: merge them")
                )
            else:
                seen[value] = paper
    # Two entries with one name would be two VLM2Vecs in every list and board: names are unique
    # (case aside), and a paper's name may not be another's either.
    named: dict[str, Paper] = {}
    for paper in sorted(papers, key=lambda p: p.path):
        if paper.short_name is None:
            continue
        key = paper.short_name.casefold()
        if key in named:
            problems.append(Problem(paper.path, "short_name", f"'{paper.short_name}' is already the short name of "
                                                              f"{named[key].path}; give this paper its own name (e.g. with its version)"))
        else:
            named[key] = paper
    return problems
