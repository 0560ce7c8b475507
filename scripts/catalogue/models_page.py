"""The Models page: one row per released model, its facts, and its best score on each main board.

Pure functions from the catalogue and its boards to table rows; render.py lays them out with
the same table as the all-papers page, so the same script filters and sorts them. A model's
score on a board is its best row there among the variants it names (released.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from .leaderboard import Row, score_text, size_class
from .model import Catalogue, Paper, ReleasedModel
from .released import dimension_text, input_text, licence_class, parameters_text, vectors_text, weights_url


@dataclass(frozen=True)
class ModelRow:
    paper: Paper
    model: ReleasedModel
    size: float | None  # the model's parameters, or else the size its results give
    best: dict[str, float]  # board slug -> its best score there


def main_boards(catalogue: Catalogue, boards: dict[str, tuple[Row, ...]]) -> list[str]:
    """The boards a model's best score is shown for: every board that is not a split of another."""
    return [slug for slug, b in catalogue.benchmarks.items() if not b.split_of and slug in boards]


def model_rows(catalogue: Catalogue, boards: dict[str, tuple[Row, ...]]) -> tuple[ModelRow, ...]:
    """Every released model with facts, by name."""
    scores: dict[tuple[str, str], dict[str, float]] = {}
    for slug in main_boards(catalogue, boards):
        for row in boards[slug]:
            best = scores.setdefault((row.paper.slug, row.result.variant), {})
            best[slug] = max(best.get(slug, row.score), row.score)
    out = []
    for paper in catalogue.papers:
        for model in paper.models:
            names = model.variants or (model.name,)
            best: dict[str, float] = {}
            for variant in names:
                for slug, score in scores.get((paper.slug, variant), {}).items():
                    best[slug] = max(best.get(slug, score), score)
            sizes = [r.size for r in paper.results if r.variant in names and r.size]
            size = model.parameters if model.parameters is not None else (sizes[0] if sizes else None)
            out.append(ModelRow(paper, model, size, best))
    return tuple(sorted(out, key=lambda r: (r.model.name.lower(), r.paper.slug)))


def model_filters(row: ModelRow) -> dict[str, list[str]]:
    """What the Models page filters a row by (render._filters carries it)."""
    return dict(Licence=[licence_class(row.model)], Size=[size_class(row.size) or "not given"],
                Modality=list(row.paper.modalities) or ["not stated"],
                Vectors=[f"{v}-vector" for v in row.model.vectors] or ["not stated"])


def fact_cells(row: ModelRow) -> list[str]:
    """Parameters, dimension, maximum input, vectors and licence, as the table prints them."""
    m = row.model
    return [parameters_text(m, row.size), dimension_text(m), input_text(m), vectors_text(m), m.licence or "–"]


def weights_link(model: ReleasedModel) -> dict | str:
    url = weights_url(model)
    return dict(href=url, text=model.weights if not model.weights.startswith("https://") else "API", internal=False) if url else "–"


def best_text(row: ModelRow, board: str) -> str:
    return score_text(row.best[board]) if board in row.best else "–"
