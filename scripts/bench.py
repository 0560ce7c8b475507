"""Build-cost benchmark: the catalogue site against a bare Sphinx floor, at several sizes.

    python -m nox -s bench                                   # N = 50, 1000, 5000, 10000; 3 runs each
    python -m nox -s bench -- --sizes 50 1000 --runs 1       # a quicker look

For each N it writes two projects into a temporary folder. The catalogue holds N valid entries:
the real ones plus synthetic ones whose text, topics, dates, links and results are drawn from
the real ones. The floor is a bare Sphinx project with the same N pages of the same text: plain
MyST, no extensions, the default theme, pages kept out of the navigation and listed on one
index page. The two are
built alternately in the same run, so a slower or faster machine moves both, and every figure
is the median over the runs. What a reader's first search query downloads is measured in
Debian's Chromium through Playwright, when both are there (the nox session installs
Playwright; it never downloads a browser), from a local server that compresses as Read the
Docs does; so is Lighthouse's mobile performance score of the all-papers page, the largest
board and the Models page, when the Lighthouse command is there (`nox -s bench` installs it
with npm where npm is; CATALOGUE_LIGHTHOUSE names another). A Markdown report goes to --out.

This is a measurement, not a test: nothing here asserts, the report says which target is met.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = sorted(yaml.safe_load((ROOT / "data" / "benchmarks.yaml").read_text(encoding="utf-8")))
sys.path.insert(0, str(ROOT / "scripts"))
from catalogue import bibtex, leaderboard  # noqa: E402
from catalogue.generate import GENERATED  # noqa: E402
from catalogue.validate import load_catalogue  # noqa: E402

SEED = 20261127
EDITED = "vlm2vec"  # the (real) paper whose summary the edit step rewrites
ADDED = "synth-added"
# The targets, checked in the report.
TARGET_FULL_RATIO = 1.3  # full build at N=1,000, against the floor
TARGET_EDIT_RATIO = 1.5  # one summary edited at N=1,000, against the floor's own edit
TARGET_BUILD_5000_SECONDS = 300.0
TARGET_PAGE_KB = 300.0  # one paper page, compressed, search index excluded
# Issue 16's targets, at the larger scale.
TARGET_SCALE_RATIO = 1.25  # full build and one summary edited at N=1,000, each against the floor's
TARGET_BUILD_10000_SECONDS = 600.0
TARGET_PEAK_10000_MIB = 2048.0
TARGET_LINEAR = 11.0  # full build at N=10,000 against the full build at N=1,000 in the same run
TARGET_ADD_5000_RATIO = 2.0
TARGET_ALL_PAPERS_5000_KB = 1000.0  # the all-papers page, compressed
TARGET_FIRST_QUERY_KB = 300.0  # what the browser downloads for a reader's first search at N=10,000 (issue 30)
TARGET_LIGHTHOUSE = 90.0  # Lighthouse's mobile performance score of each page LIGHTHOUSE_PAGES names (issue 30)
LIGHTHOUSE_RUNS = 3  # its scores vary by a few points from run to run: the median is reported


# --- synthetic catalogues -------------------------------------------------------------------

def catalogue_entries(n: int, today: dt.date) -> tuple[dict[str, dict], dict]:
    """The real catalogue plus synthetic entries up to N, and one more valid entry to add later.

    Synthetic words, names and numbers come from the real entries, so pages look like real ones.
    """
    real = load_catalogue(ROOT, today)
    entries = {p.slug: yaml.safe_load((ROOT / p.path).read_text(encoding="utf-8")) for p in real.papers}
    rng = random.Random(SEED + n)  # noqa: S311 - test data, not secrets
    pools = dict(
        sentences=[s for p in real.papers for s in re.split(r"(?<=[.!?])\s+", p.summary.replace("\n", " ")) if s],
        authors=sorted({a for p in real.papers for a in p.authors}),
        backbones=sorted({b for p in real.papers for b in p.backbones}),
        words=sorted({w for p in real.papers for w in re.findall(r"[A-Za-z][a-z]{4,}", p.title)}),
        topics=list(real.topics),
        months=[f"{y}-{m:02d}" for y in range(2023, today.year + 1) for m in range(1, 13) if (y, m) <= (today.year, today.month)],
    )
    synthetic = max(0, n - len(entries))
    for i in range(synthetic):
        entries[f"synth-{i:05d}"] = _synthetic_entry(i, rng, pools, today)
    return entries, _synthetic_entry(synthetic, rng, pools, today)


def _synthetic_entry(i: int, rng: random.Random, pools: dict, today: dt.date) -> dict:
    date = rng.choice(pools["months"])
    arxiv = f"{date[2:4]}{date[5:]}.{90000 + i:05d}"  # real ids stay far below 90000
    name = f"Synth{i}"
    entry = {
        "title": f"{name}: {' '.join(w.capitalize() for w in rng.sample(pools['words'], 7))}",
        "short_name": name,
        "authors": rng.sample(pools["authors"], rng.randint(3, 12)),
        "date": date,
        "arxiv": arxiv,
        "kind": "method",
        "code": rng.choice(["released", "unreleased", "weights-only"]),
        "links": {"paper": f"https://arxiv.org/abs/{arxiv}", "pdf": f"https://arxiv.org/pdf/{arxiv}",
                  "code": f"https://github.com/synth/synth-{i}"},
        "backbones": rng.sample(pools["backbones"], rng.randint(1, 3)),
        "modalities": ["text", "image"],
        "topics": rng.sample(pools["topics"], rng.randint(1, 4)),
        "added": today.isoformat(),
        "checked": {"month": today.strftime("%Y-%m"), "sources": [{"label": "arXiv abstract", "url": f"https://arxiv.org/abs/{arxiv}"}]},
        "summary": _summary(rng, pools["sentences"]),
    }
    if rng.random() < 0.6:  # results on every benchmark, so every leaderboard and chart is built
        entry["results"] = [
            {"benchmark": benchmark, "variant": f"{name}-{size}B", "size": size, "score": round(rng.uniform(45, 80), 1),
             "source": f"https://arxiv.org/abs/{arxiv}", "table": f"Table {rng.randint(1, 6)}",
             "source_kind": rng.choice(["paper", "authors"])}
            for benchmark in rng.sample(BENCHMARKS, rng.randint(1, 3))
            for size in rng.sample([2, 3, 7, 8], rng.randint(1, 2))
        ]
    if i > 0 and rng.random() < 0.3:
        entry["builds_on"] = [f"synth-{rng.randrange(i):05d}"]
    facts = random.Random(f"{SEED}-models-{i}")  # noqa: S311 - its own draws: the entries above stay as they were
    if entry.get("results") and facts.random() < 0.5:  # released models, so the Models page grows with N
        entry["models"] = [
            {"name": variant, "variants": [variant], "weights": f"synth/{variant}", "parameters": size,
             "licence": facts.choice(["Apache-2.0", "MIT", "CC-BY-NC-4.0"]), "source": f"https://arxiv.org/abs/{arxiv}",
             **facts.choice([{"dimension": facts.choice([768, 1536, 2048, 3584]), "vectors": ["single"]},
                             {"token_dimension": 128, "vectors": ["multi"]}])}
            for variant, size in sorted({(r["variant"], r["size"]) for r in entry["results"]})
        ]
    return entry


def _summary(rng: random.Random, sentences: list[str]) -> str:
    """Real sentences, shuffled, 110-190 words, in paragraphs of three sentences."""
    chosen: list[str] = []
    while sum(len(s.split()) for s in chosen) < 110:
        sentence = rng.choice(sentences)
        if sum(len(s.split()) for s in chosen) + len(sentence.split()) <= 190:
            chosen.append(sentence)
    return "\n\n".join(" ".join(chosen[k:k + 3]) for k in range(0, len(chosen), 3)) + "\n"


def write_catalogue_project(where: Path, entries: dict[str, dict]) -> Path:
    """A copy of this project's site (docs/, the generator, the topics) with a synthetic data/."""
    project = where / "catalogue"
    ignore = shutil.ignore_patterns("_build", GENERATED.name, "__pycache__")
    shutil.copytree(ROOT / "docs", project / "docs", ignore=ignore)
    shutil.copytree(ROOT / "scripts" / "catalogue", project / "scripts" / "catalogue", ignore=ignore)
    (project / "data" / "papers").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "topics.yaml", project / "data" / "topics.yaml")
    shutil.copy(ROOT / "data" / "benchmarks.yaml", project / "data" / "benchmarks.yaml")
    for slug, entry in entries.items():
        write_entry(project, slug, entry)
    return project


def write_entry(project: Path, slug: str, entry: dict) -> None:
    text = yaml.safe_dump(entry, sort_keys=False, allow_unicode=True, width=100)
    (project / "data" / "papers" / f"{slug}.yaml").write_text(text, encoding="utf-8")


def write_bare_project(where: Path, project: Path, today: dt.date) -> Path:
    """The floor: the catalogue's pages as plain MyST, with nothing Sphinx does not need."""
    bare = where / "bare"
    (bare / "papers").mkdir(parents=True)
    (bare / "conf.py").write_text('project = "floor"\nextensions = ["myst_parser"]\n', encoding="utf-8")
    catalogue = load_catalogue(project, today)
    keys = bibtex.citation_keys(catalogue.papers)
    boards = leaderboard.boards(catalogue)
    places = place_texts(boards)
    for paper in catalogue.papers:
        (bare / "papers" / f"{paper.slug}.md").write_text(bare_page(paper, keys[paper.slug], places), encoding="utf-8")
    # The same-text floor has the leaderboards' text too: plain tables, one page per board.
    for slug, rows in boards.items():
        (bare / "papers" / f"board-{slug}.md").write_text(bare_board(catalogue.benchmarks[slug], rows), encoding="utf-8")
    write_bare_index(bare)
    return bare


def place_texts(boards: dict) -> dict:
    """(paper slug, benchmark, variant) -> "7th of 38", as the catalogue's pages show it."""
    return {key: f"{leaderboard.ordinal(rank)} of {total}" for key, (rank, total) in leaderboard.placements(boards).items()}


def bare_board(benchmark, rows) -> str:
    splits = list(benchmark.splits)
    lines = ["---", "orphan: true", "---", "", f"# {benchmark.name} leaderboard", "", benchmark.overall, "",
             "| Rank | Model | Size | Backbone | Code | Score | " + " | ".join(splits + ["Source"]) + " |",
             "|---" * (7 + len(splits)) + "|"]
    for row in rows:
        split_scores = dict(row.result.splits)
        cells = [str(row.rank), f"[{row.result.variant}]({row.paper.slug}.md) {row.paper.date}", str(row.result.size), row.result.backbone or "",
                 row.paper.code or "", str(row.score), *(str(split_scores.get(s, "")) for s in splits),
                 f"[{row.result.kind_label}, {row.result.table}]({row.result.source})"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def bare_page(paper, key: str, places: dict) -> str:
    links = " · ".join(f"[{label}]({url})" for label, url in paper.links.items())
    lines = ["---", "orphan: true", "---", "", f"# {paper.name}", "", f"**{paper.title}**", "",
             ", ".join(paper.authors), "", f"{paper.date} · {paper.venue or 'preprint'} · {paper.code}", "", links, "",
             f"**Backbones:** {', '.join(paper.backbones)}", "", f"**Topics:** {', '.join(paper.topics)}", "",
             "## Summary", "", paper.summary.strip(), ""]
    if paper.checked:
        lines += ["**Facts checked:** " + paper.checked.month + " against "
                  + ", ".join(f"[{label}]({url})" for label, url in paper.checked.sources), ""]
    if paper.results:
        lines += ["## Results", "", "| Benchmark | Model | Size | Score | Place | Source |", "|---|---|---|---:|---|---|"]
        lines += [f"| {r.benchmark} | {r.variant} | {r.size} | {r.score} | [{places.get((paper.slug, r.benchmark, r.variant), '')}]"
                  f"(board-{r.benchmark}.md) | [{r.table}]({r.source}) |" for r in paper.results]
        lines.append("")
    lines += ["## Cite", "", bibtex.reference(paper), "", "```bibtex", bibtex.to_bibtex(paper, key).rstrip(), "```", ""]
    return "\n".join(lines)


def write_bare_index(bare: Path) -> None:
    slugs = sorted(p.stem for p in (bare / "papers").glob("*.md"))
    listing = "\n".join(f"- [{slug}](papers/{slug}.md)" for slug in slugs)
    (bare / "index.md").write_text(f"# Floor\n\n{listing}\n", encoding="utf-8")


# --- one build, measured ------------------------------------------------------------------

@dataclass
class Build:
    seconds: float
    peak_mib: float
    read: int  # documents Sphinx re-read
    written: int  # pages Sphinx wrote
    cpu_seconds: float  # user + system time of the process and the ones it waited for (Pagefind)


def sphinx_build(source: Path, out: Path) -> Build:
    """Run sphinx-build in its own process: wall time and that process's peak memory."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-j", "1", "-d", str(out / "doctrees"),
               str(source), str(out / "html")]
    env = {**os.environ, "PYTHONHASHSEED": "0", "NO_COLOR": "1"}
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        log.seek(0)
        text = log.read().decode("utf-8", "replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"sphinx-build failed on {source}:\n{text[-3000:]}")
    return Build(seconds, usage.ru_maxrss / 1024,
                 read=len(re.findall(r"^reading sources\.\.\. \[", text, re.M)),
                 written=len(re.findall(r"^writing output\.\.\. \[", text, re.M)),
                 cpu_seconds=usage.ru_utime + usage.ru_stime)


def full_build(source: Path, out: Path, generated: Path | None) -> Build:
    shutil.rmtree(out, ignore_errors=True)
    if generated:
        shutil.rmtree(generated, ignore_errors=True)  # a fresh clone has no generated pages either
    return sphinx_build(source, out)


# --- what a reader downloads ----------------------------------------------------------------

class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "") and attrs.get("href"):
            self.urls.append(attrs["href"])
        elif tag in ("script", "img") and attrs.get("src"):
            self.urls.append(attrs["src"])


def page_download_bytes(html_dir: Path, page: str) -> int:
    """Gzip-compressed bytes of one page with its local CSS, scripts and images."""
    path = html_dir / page
    parser = _Assets()
    parser.feed(path.read_text(encoding="utf-8"))
    files = {path}
    for url in parser.urls:
        url = url.split("?")[0].split("#")[0]
        if "://" in url or url.startswith("data:"):
            continue
        asset = (path.parent / url).resolve()
        if asset.is_file() and asset.name != "searchindex.js":
            files.add(asset)
    return sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)


def first_query_bytes(html_dir: Path) -> int | None:
    """Bytes a reader's browser downloads for a first search query. Pagefind's share is
    measured in Chromium (scripts/search_eval.py); Sphinx's search downloads all of
    searchindex.js and its scripts before it answers, so those files are what it costs."""
    if not (html_dir / "pagefind").is_dir():
        return sum((html_dir / name).stat().st_size for name in SPHINX_SEARCH_FILES if (html_dir / name).is_file())
    try:
        import playwright  # noqa: F401 - only to know whether the browser can be driven

        import search_eval
    except ImportError:
        return None
    if not Path(search_eval.CHROMIUM).exists():
        return None
    with search_eval.site_in_chromium(html_dir) as (browser, url):
        return search_eval.first_query_bytes(browser, url)


SPHINX_SEARCH_FILES = ("searchindex.js", "_static/searchtools.js", "_static/language_data.js")
LIGHTHOUSE = os.environ.get("CATALOGUE_LIGHTHOUSE") or shutil.which("lighthouse")


def lighthouse_pages(html_dir: Path) -> dict[str, str]:
    """The pages issue 30 holds to Lighthouse's score: all papers, the board with the most rows
    (a long board's rows file says how many it has), and the Models page."""
    def rows(board: Path) -> int:
        text = board.read_text(encoding="utf-8")
        total = re.search(r'data-total="(\d+)"', text)
        return int(total[1]) if total else text.count("<tr class=\"row-") - 1
    boards = [b for b in (html_dir / GENERATED.name / "leaderboards").glob("*.html")
              if b.name != "index.html" and not b.name.endswith(".rows.html")]
    largest = max(boards, key=rows)
    return {"all papers": f"{GENERATED.name}/all.html", f"largest board ({largest.stem})": largest.relative_to(html_dir).as_posix(),
            "Models": f"{GENERATED.name}/models.html"}


def lighthouse_scores(html_dir: Path) -> dict[str, float] | None:
    """Each of lighthouse_pages' median performance score (0-100), Lighthouse's mobile profile,
    the site served compressed; None without Lighthouse or Chromium."""
    import search_eval

    if not LIGHTHOUSE or not Path(search_eval.CHROMIUM).exists():
        return None
    server, url = search_eval.serve(html_dir)
    try:
        return {label: statistics.median(_lighthouse(f"{url}/{page}") for _ in range(LIGHTHOUSE_RUNS))
                for label, page in lighthouse_pages(html_dir).items()}
    finally:
        server.shutdown()


def _lighthouse(url: str) -> float:
    import search_eval

    with tempfile.TemporaryDirectory() as tmp:
        report_file = Path(tmp) / "report.json"
        subprocess.run([LIGHTHOUSE, url, "--only-categories=performance", "--output=json", f"--output-path={report_file}",
                        "--quiet", "--chrome-flags=--headless " + " ".join(search_eval.CHROMIUM_ARGS)],
                       env={**os.environ, "CHROME_PATH": search_eval.CHROMIUM}, check=True, timeout=600)
        return lighthouse_score(report_file.read_text(encoding="utf-8"))


def lighthouse_score(report: str) -> float:
    """The performance score, 0-100, of a Lighthouse JSON report (null when a run failed)."""
    score = json.loads(report)["categories"]["performance"]["score"]
    if score is None:
        raise RuntimeError("Lighthouse gave no performance score: the page failed to load or timed out")
    return round(score * 100, 1)


def tree_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def search_index_bytes(html_dir: Path) -> int:
    """The search index as stored: Pagefind's folder (a query downloads a few of its
    fragments; scripts/search_eval.py measures that) or, on the floor, Sphinx's searchindex.js."""
    pagefind = html_dir / "pagefind"
    return tree_bytes(pagefind) if pagefind.is_dir() else (html_dir / "searchindex.js").stat().st_size


# --- one size, both projects ----------------------------------------------------------------

@dataclass
class Side:
    """Every measurement of one project at one size, a list per metric (one value per run)."""

    full: list[Build] = field(default_factory=list)
    noop: list[Build] = field(default_factory=list)
    edit: list[Build] = field(default_factory=list)
    add: list[Build] = field(default_factory=list)
    # Full builds of the N=1,000 catalogue, each just before one of this size's full builds: the
    # linear target's pairs, so the machine's drift over an hour-long run cancels as for the floor.
    reference: list[Build] = field(default_factory=list)
    site_mb: float = 0.0
    search_kb: float = 0.0
    page_kb: float = 0.0
    all_papers_kb: float = 0.0
    first_query_kb: float | None = None  # None: no browser to measure it with
    lighthouse: dict[str, float] | None = None  # page label -> median score; None: no Lighthouse


def measure_size(n: int, runs: int, today: dt.date, where: Path,
                 reference: Path | None = None) -> tuple[Side, Side]:
    """Every build of both projects at size N; `reference`, a catalogue project already written,
    is built in full beside each of this size's full builds."""
    entries, extra = catalogue_entries(n, today)
    project = write_catalogue_project(where, entries)
    bare = write_bare_project(where, project, today)
    site, floor = Side(), Side()
    extra_bare = _bare_pages_for(project, extra, today)
    original_boards = {name: (bare / "papers" / name).read_text(encoding="utf-8") for name in extra_bare
                       if name.startswith("board-") and (bare / "papers" / name).exists()}
    for run in range(runs):
        print(f"N={n} run {run + 1}/{runs}", flush=True)
        for side, source, out, generated in (
            (site, project / "docs", where / "out-catalogue", project / GENERATED),
            (floor, bare, where / "out-bare", None),
        ):
            _restore(project, bare, entries, original_boards)
            if reference and side is site:
                site.reference.append(full_build(reference / "docs", where / "out-reference", reference / GENERATED))
            side.full.append(full_build(source, out, generated))
            side.noop.append(sphinx_build(source, out))
            _edit_summary(project, bare, entries, side is site)
            side.edit.append(sphinx_build(source, out))
            _add_paper(project, bare, extra, extra_bare, side is site)
            side.add.append(sphinx_build(source, out))
            print(f"  {'catalogue' if side is site else 'floor':9} full {side.full[-1].seconds:7.1f} s "
                  f"edit {side.edit[-1].seconds:5.1f} s add {side.add[-1].seconds:5.1f} s", flush=True)
    for side, out, page in ((site, where / "out-catalogue", f"{GENERATED.name}/{EDITED}.html"),
                            (floor, where / "out-bare", f"papers/{EDITED}.html")):
        html = out / "html"
        side.site_mb = tree_bytes(html) / 1e6
        side.search_kb = search_index_bytes(html) / 1e3
        side.page_kb = page_download_bytes(html, page) / 1e3
        side.all_papers_kb = page_download_bytes(html, "papers/all.html" if side is site else "index.html") / 1e3
        downloaded = first_query_bytes(html)
        side.first_query_kb = None if downloaded is None else downloaded / 1e3
    site.lighthouse = lighthouse_scores(where / "out-catalogue" / "html")
    _restore(project, bare, entries, original_boards)
    return site, floor


def _restore(project: Path, bare: Path, entries: dict[str, dict], boards: dict[str, str] | None = None) -> None:
    for name, text in (boards or {}).items():
        (bare / "papers" / name).write_text(text, encoding="utf-8")
    write_entry(project, EDITED, entries[EDITED])
    (project / "data" / "papers" / f"{ADDED}.yaml").unlink(missing_ok=True)
    (bare / "papers" / f"{ADDED}.md").unlink(missing_ok=True)
    write_bare_index(bare)
    page = bare / "papers" / f"{EDITED}.md"
    page.write_text(page.read_text(encoding="utf-8").replace(" (edited)", ""), encoding="utf-8")


def _edit_summary(project: Path, bare: Path, entries: dict[str, dict], catalogue_side: bool) -> None:
    """The same one-word change to one summary, in the YAML or in the bare page."""
    if catalogue_side:
        entry = dict(entries[EDITED])
        entry["summary"] = entry["summary"].replace(".", " (edited).", 1)
        write_entry(project, EDITED, entry)
    else:
        page = bare / "papers" / f"{EDITED}.md"
        summary = page.read_text(encoding="utf-8").split("## Summary", 1)
        summary[1] = summary[1].replace(".", " (edited).", 1)
        page.write_text("## Summary".join(summary), encoding="utf-8")


def _add_paper(project: Path, bare: Path, entry: dict, bare_pages: dict[str, str], catalogue_side: bool) -> None:
    if catalogue_side:
        write_entry(project, ADDED, entry)
    else:  # the new page, and the boards that now list it
        for name, text in bare_pages.items():
            (bare / "papers" / name).write_text(text, encoding="utf-8")
        write_bare_index(bare)


def _bare_pages_for(project: Path, entry: dict, today: dt.date) -> dict[str, str]:
    """The floor's pages that adding `entry` changes, rendered the same way as the others
    (outside any timing): its own page and each board it appears on."""
    write_entry(project, ADDED, entry)
    catalogue = load_catalogue(project, today)
    (project / "data" / "papers" / f"{ADDED}.yaml").unlink()
    boards = leaderboard.boards(catalogue)
    places = place_texts(boards)
    pages = {f"{ADDED}.md": bare_page(catalogue.by_slug[ADDED], bibtex.citation_keys(catalogue.papers)[ADDED], places)}
    for slug in {r.benchmark for r in catalogue.by_slug[ADDED].results}:
        pages[f"board-{slug}.md"] = bare_board(catalogue.benchmarks[slug], boards[slug])
    return pages


# --- the report -----------------------------------------------------------------------------

def _median(builds: list[Build], attribute: str) -> float:
    return statistics.median(getattr(b, attribute) for b in builds)


def _ratio(ours: list[Build], floor: list[Build], attribute: str = "seconds") -> float:
    """Median of the run-by-run ratios: each pair ran back to back, so machine drift cancels."""
    return statistics.median(getattr(a, attribute) / getattr(b, attribute) for a, b in zip(ours, floor, strict=True))


def report(results: dict[int, tuple[Side, Side]], runs: int, command: str) -> str:
    import sphinx

    lines = [
        "# Build benchmark results",
        "",
        f"- Date: {dt.date.today().isoformat()}; command: `{command}`",
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.processor() or platform.platform()}; "
        f"Python {platform.python_version()}, Sphinx {sphinx.__version__}, `sphinx-build -j 1`",
        f"- Every time is the median of {runs} run(s), wall seconds of a whole `sphinx-build` process; "
        "memory is that process's peak RSS. The floor is built alternately with the catalogue in the same run;",
        "ratios are the median of run-by-run ratios. CPU time (user + system, Pagefind included) is shown",
        "beside the wall time of the full build and the edit: on a shared machine it varies less.",
        "",
    ]
    for n, (site, floor) in results.items():
        lines += [f"## N = {n:,}", "", "| measure | catalogue | floor | ratio |", "|---|---:|---:|---:|"]
        for label, name in (("full build (s)", "full"), ("no-op rebuild (s)", "noop"),
                            ("edit one summary (s)", "edit"), ("add one paper (s)", "add")):
            ours, base = _median(getattr(site, name), "seconds"), _median(getattr(floor, name), "seconds")
            lines.append(f"| {label} | {ours:.2f} | {base:.2f} | {_ratio(getattr(site, name), getattr(floor, name)):.2f}x |")
        if site.reference:
            lines.append(f"| full build at N=1,000, just before each (s) | {_median(site.reference, 'seconds'):.2f} | | "
                         f"{_ratio(site.full, site.reference):.2f}x |")
        for label, name in (("full build, CPU (s)", "full"), ("edit one summary, CPU (s)", "edit")):
            ours, base = _median(getattr(site, name), "cpu_seconds"), _median(getattr(floor, name), "cpu_seconds")
            lines.append(f"| {label} | {ours:.2f} | {base:.2f} | "
                         f"{_ratio(getattr(site, name), getattr(floor, name), 'cpu_seconds'):.2f}x |")
        for label, name in (("edit: pages re-read / written", "edit"), ("add: pages re-read / written", "add")):
            s, f = getattr(site, name), getattr(floor, name)
            lines.append(f"| {label} | {_median(s, 'read'):.0f} / {_median(s, 'written'):.0f} "
                         f"| {_median(f, 'read'):.0f} / {_median(f, 'written'):.0f} | |")
        ours, base = _median(site.full, "peak_mib"), _median(floor.full, "peak_mib")
        lines.append(f"| peak memory, full build (MiB) | {ours:.0f} | {base:.0f} | {_ratio(site.full, floor.full, 'peak_mib'):.2f}x |")
        for label, attribute, unit in (("output size (MB)", "site_mb", ".1f"), ("search index stored (KB)", "search_kb", ".0f"),
                                       ("one paper page, gzip, search index excluded (KB)", "page_kb", ".1f"),
                                       ("all-papers page (floor: its index page), gzip (KB)", "all_papers_kb", ".0f"),
                                       ("first search query downloads (KB)", "first_query_kb", ".0f")):
            ours, base = getattr(site, attribute), getattr(floor, attribute)
            if ours is None or base is None:
                lines.append(f"| {label} | not measured (no Chromium) | {base if base is None else format(base, unit)} | |")
                continue
            lines.append(f"| {label} | {ours:{unit}} | {base:{unit}} | {ours / base:.2f}x |")
        for label, score in (site.lighthouse or {"": None}).items():
            lines.append(f"| Lighthouse performance, mobile, {label or 'pages'} (median of {LIGHTHOUSE_RUNS}) | "
                         f"{'not measured (no Lighthouse or Chromium)' if score is None else f'{score:.0f}'} | | |")
        lines.append("")
    lines += ["## Targets", ""] + _targets(results) + [""]
    return "\n".join(lines)


def _targets(results: dict[int, tuple[Side, Side]]) -> list[str]:
    lines = []

    def check(label: str, ok: bool, measured: str) -> None:
        lines.append(f"- {'met' if ok else 'MISSED'}: {label} (measured {measured})")

    if 1000 in results:
        site, floor = results[1000]
        ratio = _ratio(site.full, floor.full)
        check(f"full build at N=1,000 within {TARGET_FULL_RATIO}x the floor", ratio <= TARGET_FULL_RATIO, f"{ratio:.2f}x")
        edit = _ratio(site.edit, floor.edit)  # a ratio: absolute times vary threefold between these machines
        check(f"one summary edited at N=1,000 within {TARGET_EDIT_RATIO}x the floor's own edit", edit <= TARGET_EDIT_RATIO,
              f"{edit:.2f}x, {_median(site.edit, 'seconds'):.2f} s")
    if 5000 in results:
        full = _median(results[5000][0].full, "seconds")
        check("full build at N=5,000 under 5 minutes", full < TARGET_BUILD_5000_SECONDS, f"{full:.0f} s")
    page = max(site.page_kb for site, _ in results.values())
    check(f"a paper page under {TARGET_PAGE_KB:.0f} KB compressed", page < TARGET_PAGE_KB, f"{page:.0f} KB at most")
    lines += ["", "At the larger scale:", ""]
    if 1000 in results:
        site, floor = results[1000]
        for label, name in (("full build", "full"), ("one summary edited", "edit")):
            ratio = _ratio(getattr(site, name), getattr(floor, name))
            check(f"{label} at N=1,000 within {TARGET_SCALE_RATIO}x the floor's", ratio <= TARGET_SCALE_RATIO,
                  f"{ratio:.2f}x, {_median(getattr(site, name), 'seconds'):.2f} s")
    if 5000 in results:
        site, floor = results[5000]
        add = _ratio(site.add, floor.add)
        check(f"adding one paper at N=5,000 within {TARGET_ADD_5000_RATIO}x the floor", add <= TARGET_ADD_5000_RATIO, f"{add:.2f}x")
        check(f"the all-papers page at N=5,000 under {TARGET_ALL_PAPERS_5000_KB:.0f} KB compressed",
              site.all_papers_kb < TARGET_ALL_PAPERS_5000_KB, f"{site.all_papers_kb:.0f} KB")
    if 10000 in results:
        site = results[10000][0]
        full, peak = _median(site.full, "seconds"), _median(site.full, "peak_mib")
        check(f"full build at N=10,000 under {TARGET_BUILD_10000_SECONDS / 60:.0f} minutes", full < TARGET_BUILD_10000_SECONDS, f"{full:.0f} s")
        check(f"peak memory at N=10,000 under {TARGET_PEAK_10000_MIB:.0f} MiB", peak < TARGET_PEAK_10000_MIB, f"{peak:.0f} MiB")
        if site.reference:
            growth = _ratio(site.full, site.reference)
            check(f"full build at N=10,000 within {TARGET_LINEAR:.0f}x the one at N=1,000 built just before it",
                  growth <= TARGET_LINEAR, f"{growth:.1f}x, run by run; {_linear_of_medians(results):.1f}x between the sizes' medians")
    kb = results[10000][0].first_query_kb if 10000 in results else None
    if kb is not None:  # set at N=10,000; a smaller catalogue's 8 shards keep its edits quick instead (search.py)
        check(f"the first search query at N=10,000 under {TARGET_FIRST_QUERY_KB:.0f} KB downloaded", kb < TARGET_FIRST_QUERY_KB,
              f"{kb:.0f} KB")
    for n in (1000, 10000):
        scores = results[n][0].lighthouse if n in results else None
        if scores:
            low = min(scores, key=scores.get)
            check(f"Lighthouse performance (mobile) at least {TARGET_LIGHTHOUSE:.0f} for {', '.join(scores)} at N={n:,}",
                  scores[low] >= TARGET_LIGHTHOUSE, f"lowest {scores[low]:.0f}, {low}")
    return lines


def _linear_of_medians(results: dict[int, tuple[Side, Side]]) -> float:
    """The older form of the linear figure: medians taken up to an hour apart, so drift stays in."""
    return _median(results[10000][0].full, "seconds") / _median(results[1000][0].full, "seconds")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 1000, 5000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "_build" / "bench" / "results.md")
    args = parser.parse_args(argv)
    command = "python -m nox -s bench -- " + " ".join(sys.argv[1:] if argv is None else argv)
    today = dt.date.today()
    results = {}
    with tempfile.TemporaryDirectory(prefix="catalogue-bench-") as tmp:
        reference = Path(tmp) / "1000" / "catalogue"  # write_catalogue_project's folder at N=1,000
        for n in args.sizes:
            where = Path(tmp) / str(n)
            results[n] = measure_size(n, args.runs, today, where, reference if n > 1000 and 1000 in results else None)
            if n != 1000:  # kept as the reference for the larger sizes
                shutil.rmtree(where)
            text = report(results, args.runs, command)
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(text, encoding="utf-8")  # after each size: a long run keeps what it measured
    print(text)
    print(f"report: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
