"""The catalogue as typed, frozen objects.

Everything downstream (pages, BibTeX, meta tags) reads these objects, never raw YAML:
`validate.py` is the only place that turns contributor input into them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field of one file, phrased for the contributor who fixes it."""

    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


MAX_PROBLEMS_PER_FILE = 50  # past this, a file is more likely the wrong file than fifty typos


class CatalogueError(Exception):
    """Raised once, after every file has been checked, carrying every problem found: at most
    MAX_PROBLEMS_PER_FILE for one file, then one line saying how many more there are."""

    def __init__(self, problems: list[Problem]):
        by_file: dict[str, list[Problem]] = {}
        for problem in sorted(problems, key=lambda p: (p.path, p.field, p.message)):
            by_file.setdefault(problem.path, []).append(problem)
        self.problems = []
        for path, found in by_file.items():
            self.problems += found[:MAX_PROBLEMS_PER_FILE]
            if len(found) > MAX_PROBLEMS_PER_FILE:
                self.problems.append(Problem(path, "file", f"and {len(found) - MAX_PROBLEMS_PER_FILE:,} more problems; "
                                                           "fix those above (is this the right file?) and check again"))
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    description: str


@dataclass(frozen=True)
class Links:
    paper: str | None = None
    pdf: str | None = None
    code: str | None = None
    models: str | None = None
    project: str | None = None

    def items(self) -> list[tuple[str, str]]:
        """(label, url) pairs in the order the page shows them."""
        labels = [("paper", "Paper"), ("pdf", "PDF"), ("code", "Code"), ("models", "Models"), ("project", "Project")]
        return [(label, getattr(self, name)) for name, label in labels if getattr(self, name)]


@dataclass(frozen=True)
class Benchmark:
    slug: str
    name: str
    metric: str
    overall: str
    link: str | None = None
    splits: tuple[str, ...] = ()
    split_of: tuple[str, str] | None = None  # (benchmark slug, split name): this board ranks that split too


SOURCE_KINDS = ("paper", "authors", "leaderboard", "third-party")  # in order of preference


@dataclass(frozen=True)
class Result:
    """One score as one source prints it, with where it was read and what kind of source that is."""

    benchmark: str  # a slug of data/benchmarks.yaml
    variant: str
    score: float
    source: str  # the URL it was read at
    table: str  # where in the source: "Table 2", "README, results table"
    source_kind: str  # one of SOURCE_KINDS
    size: float | None = None  # parameters, in billions
    backbone: str | None = None
    splits: tuple[tuple[str, float], ...] = ()
    zero_shot: bool | None = None  # True: not trained on the benchmark's training split, as the source says
    leaderboard_status: str | None = None  # "self-reported" or "verified", as the board marks it
    later_paper: str | None = None  # the later paper whose comparison table it is, for third-party
    as_of: str | None = None  # YYYY-MM or YYYY-MM-DD the number is from: a board's snapshot, a paper version's month

    @property
    def directness(self) -> int:
        """0 for the most direct kind of source (the paper), larger for the less direct."""
        return SOURCE_KINDS.index(self.source_kind)

    @property
    def kind_label(self) -> str:
        """What readers see next to the number."""
        if self.source_kind == "leaderboard" and self.leaderboard_status:
            return f"leaderboard ({self.leaderboard_status})"
        return {"paper": "paper", "authors": "authors' page", "third-party": "later paper"}.get(self.source_kind, self.source_kind)


@dataclass(frozen=True)
class PendingResult:
    """A benchmark the paper reports on whose number is not entered yet, and why."""

    benchmark: str  # a slug of data/benchmarks.yaml
    reason: str  # "table not yet read", "printed only as a chart"


# Why a candidate was left out, under the inclusion rule in docs/about.md.
EXCLUSION_REASONS = ("before 2023-06", "text-only embedder", "generic image-text pre-training", "not a retriever",
                     "text-extraction pipeline", "survey", "duplicate", "other")


@dataclass(frozen=True)
class Excluded:
    """A candidate someone judged out of scope, and why: the next person need not research it again."""

    key: str  # its arXiv id, or the https:// address it was found at
    title: str
    reason: str  # one of EXCLUSION_REASONS
    note: str | None = None  # a few words more: the catalogue entry it duplicates, what "other" means

    @property
    def url(self) -> str:
        return self.key if self.key.startswith("https://") else f"https://arxiv.org/abs/{self.key}"


@dataclass(frozen=True)
class Checked:
    month: str  # YYYY-MM
    sources: tuple[tuple[str, str], ...]  # (label, url), as read


@dataclass(frozen=True)
class BibOverride:
    """The authors' own BibTeX entry, parsed: its type and its fields in a fixed order."""

    kind: str
    fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ReleasedModel:
    """A model whose weights (or API) anyone can use, with the facts a practitioner chooses by,
    each read at `source` unless `sources` names another address for it (released.py)."""

    name: str  # as its card names it
    source: str  # where the facts are read: the model card, README or paper
    variants: tuple[str, ...] = ()  # the entry's result variants that are this model
    weights: str | None = None  # a Hugging Face repository id (owner/name) or the API's https:// page
    licence: str | None = None  # an SPDX id of released.LICENCES, or "API only"
    parameters: float | None = None  # in billions, as the source gives it
    dimension: int | None = None  # of the single vector
    token_dimension: int | None = None  # of each vector of a multi-vector embedding
    matryoshka: tuple[int, ...] = ()  # the truncated dimensions the source says it supports
    max_tokens: int | None = None
    max_image: str | None = None  # the largest image, as the source states it ("1344×1344")
    max_frames: int | None = None
    vectors: tuple[str, ...] = ()  # "single", "multi" or both
    sources: tuple[tuple[str, str], ...] = ()  # (fact, url) where one fact is read elsewhere

    def source_of(self, fact: str) -> str:
        return dict(self.sources).get(fact, self.source)


@dataclass(frozen=True)
class Paper:
    slug: str
    path: str  # the data file, relative to the project root, e.g. data/papers/vlm2vec.yaml
    title: str
    summary: str
    topics: tuple[str, ...]
    authors: tuple[str, ...] = ()
    date: str | None = None  # YYYY-MM of the first public version
    links: Links = field(default_factory=Links)
    short_name: str | None = None
    arxiv: str | None = None
    venue: str | None = None
    code: str | None = None
    kind: str | None = None
    backbones: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    builds_on: tuple[str, ...] = ()
    results: tuple[Result, ...] = ()
    pending_results: tuple[PendingResult, ...] = ()
    added: str | None = None  # YYYY-MM-DD the entry entered the catalogue
    bibtex: BibOverride | None = None  # the authors' own BibTeX, written under the generated key
    unverified: tuple[str, ...] = ()  # required fields still awaiting verification
    models: tuple[ReleasedModel, ...] = ()  # its released models and their facts

    @property
    def name(self) -> str:
        """What readers call the paper: its short name, or its title when it has none."""
        return self.short_name or self.title

    checked: Checked | None = None  # when, and against which sources, the facts were last checked

    @property
    def long_name(self) -> str:
        """Name and title together, for a feed entry or a link preview: "B3: Breaking the
        Batch Barrier ...", or the title alone when it already starts with the name."""
        if not self.short_name or self.title.startswith(self.short_name):
            return self.title
        return f"{self.short_name}: {self.title}"

    @property
    def year(self) -> str | None:
        """The year of the first public version: what year pages and the Year filter use."""
        return self.date[:4] if self.date else None

    @property
    def cited_year(self) -> str | None:
        """The year of the version a citation names: the venue's year where there is a venue,
        else the first version's. The reference line and the BibTeX both use it."""
        venue_year = re.search(r"\b((?:19|20)\d{2})\b", self.venue or "")
        return venue_year.group(1) if venue_year else self.year


@dataclass(frozen=True)
class Catalogue:
    papers: tuple[Paper, ...]  # newest first
    topics: dict[str, Topic]
    benchmarks: dict[str, Benchmark] = field(default_factory=dict)
    excluded: tuple[Excluded, ...] = ()  # data/excluded.yaml, in file order
    aliases: dict[str, str] = field(default_factory=dict)  # BibTeX key published before -> slug (aliases.py)

    @cached_property  # looked up once per page: computing it each time is O(N^2) over a build
    def by_slug(self) -> dict[str, Paper]:
        return {p.slug: p for p in self.papers}

    def years(self) -> list[str]:
        return sorted({p.year for p in self.papers if p.year}, reverse=True)

    def additions(self) -> tuple[Paper, ...]:
        """The papers with an `added` date, the newest addition first: What's new and the feed."""
        return tuple(sorted((p for p in self.papers if p.added), key=lambda p: (p.added, p.date or "", p.slug), reverse=True))
