"""Leaderboards: every catalogued score on one benchmark, ranked, with its paper and its source.

Pure functions from the catalogue to rows; render.py lays them out and chart.py draws them.
A board of a split (MMEB-V2 Video, say) also ranks that split of the parent benchmark's
results, as their sources print it: nothing is averaged or estimated here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Benchmark, Catalogue, Paper, Result

SIZE_CLASSES = ("< 3B", "3–10B", "> 10B")


@dataclass(frozen=True)
class Row:
    paper: Paper
    result: Result  # the number the board ranks by (RANKED_BY)
    score: float  # the score on this board: the result's overall score, or the split's
    rank: int  # 1 for the best; equal scores share a rank
    others: tuple[tuple[Result, float], ...] = ()  # the same model's other numbers here, newest first


# One model (an entry's variant) may have a number from its paper and another from a later
# snapshot of the benchmark's board. The board ranks by the most direct kind of source
# (paper, authors' page, leaderboard, later paper), the newest of that kind, and shows the
# others beside it, so a re-score reads as history rather than as a second model.
RANKED_BY = "the most direct kind of source, and the newest number of that kind"


def size_class(size: float | None) -> str | None:
    if size is None:
        return None
    return SIZE_CLASSES[0] if size < 3 else SIZE_CLASSES[1] if size <= 10 else SIZE_CLASSES[2]


def board_rows(catalogue: Catalogue, benchmark: Benchmark) -> tuple[Row, ...]:
    """The board's rows, one per model, best first; ties share a rank and are listed by variant name."""
    parent, split = benchmark.split_of or (None, None)
    models: dict[tuple[str, str], list[tuple[Result, float]]] = {}
    for paper in catalogue.papers:
        for result in paper.results:
            if result.benchmark == benchmark.slug:
                score = result.score
            elif result.benchmark == parent and split in dict(result.splits):
                score = dict(result.splits)[split]
            else:
                continue
            models.setdefault((paper.slug, result.variant), []).append((result, score))
    entries = []
    for (slug, _), numbers in models.items():
        numbers.sort(key=lambda n: n[0].as_of or "", reverse=True)  # newest first; undated last
        ranked = min(numbers, key=lambda n: n[0].directness)  # the first, so the newest, of the most direct kind
        others = tuple(n for n in numbers if n is not ranked)
        entries.append((catalogue.by_slug[slug], ranked[0], ranked[1], others))
    entries.sort(key=lambda e: (-e[2], e[1].variant.lower(), e[0].slug))
    rows, rank = [], 0
    for i, (paper, result, score, others) in enumerate(entries):
        if i == 0 or score != entries[i - 1][2]:
            rank = i + 1
        rows.append(Row(paper, result, score, rank, others))
    return tuple(rows)


def boards(catalogue: Catalogue) -> dict[str, tuple[Row, ...]]:
    """Every benchmark that has at least one row, in the vocabulary's order."""
    found = {slug: board_rows(catalogue, b) for slug, b in catalogue.benchmarks.items()}
    return {slug: rows for slug, rows in found.items() if rows}


def placements(all_boards: dict[str, tuple[Row, ...]]) -> dict[tuple[str, str, str], tuple[int, int]]:
    """(paper slug, benchmark, variant) -> (rank, rows on the board), for the paper pages."""
    return {(row.paper.slug, slug, row.result.variant): (row.rank, len(rows))
            for slug, rows in all_boards.items() for row in rows}


def best_score(paper: Paper, benchmark: str) -> float | None:
    """The paper's highest overall score on `benchmark`, from any of its results."""
    return max((r.score for r in paper.results if r.benchmark == benchmark), default=None)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def score_text(score: float) -> str:
    """A score as the data gives it (72.0 stays 72.0, 72.175 stays 72.175): never reformatted."""
    return repr(score)


def size_text(size: float | None) -> str:
    """7 -> '7B', 2.21 -> '2.21B', 0.894 -> '0.894B': the number as given, never rounded."""
    return "–" if size is None else f"{size:g}B"


_SIZE_IN_NAME = re.compile(r"-(\d+(?:\.\d+)?)B(?=-|$)")


def backbone_family(name: str) -> str:
    """'Qwen2-VL-7B' -> 'Qwen2-VL', 'Llama-3.2-11B-Vision' -> 'Llama-3.2-Vision': the model line
    without its size and without an -Instruct suffix."""
    return re.sub(r"-Instruct$", "", _SIZE_IN_NAME.sub("", name))


def backbone_sizes(names) -> tuple[float, ...]:
    """The sizes the backbone names state, in billions ('Qwen2-VL-7B' -> 7)."""
    return tuple(sorted({float(m.group(1)) for name in names for m in _SIZE_IN_NAME.finditer(name)}))
