"""What the comparison page compares: each model's facts and every board's rows, as compare.json.

A reader ticks 2 to 4 models on a board, the Models page or the all-papers table; the page's
address then names them (`compare.html?m=gme:GME (2B)&m=jina-embeddings-v4`), so it can be
shared. An id is `<paper slug>:<name>`, where the name is the released model's (released.py)
when the entry names one for the row, else the row's variant; a bare paper slug stands for the
paper, all its models together. The page's script reads this file, lays the facts side by
side, then every board on which at least two of them appear, overall and split scores, with
the best of each row marked.
"""

from __future__ import annotations

import json

from .leaderboard import Row, boards
from .model import Catalogue, Paper
from .released import dimension_text, input_text, model_for, parameters_text, vectors_text, weights_url


def compare_id(paper: Paper, variant: str) -> str:
    """The id a board row is ticked by: its released model's name where the entry names one."""
    model = model_for(paper, variant)
    return f"{paper.slug}:{model.name if model else variant}"


def _facts(paper: Paper) -> dict[str, dict]:
    out = {}
    for m in paper.models:
        out[m.name] = {"Parameters": parameters_text(m), "Dimension": dimension_text(m), "Max input": input_text(m),
                       "Vectors": vectors_text(m), "Licence": m.licence or "–", "Weights": m.weights or "–",
                       "weights_url": weights_url(m), "source": m.source}
    return out


def _board(rows: tuple[Row, ...], splits: tuple[str, ...]) -> list[list]:
    """[id, paper slug, variant, score, {split: score}] per row, best first."""
    return [[compare_id(r.paper, r.result.variant), r.paper.slug, r.result.variant, r.score,
             {s: v for s, v in r.result.splits if s in splits}] for r in rows]


def to_json(catalogue: Catalogue) -> str:
    all_boards = boards(catalogue)
    papers = {p.slug: {"name": p.name, "page": f"{p.slug}.html", "code": p.code, "modalities": list(p.modalities),
                       "models": _facts(p)}
              for p in catalogue.papers if p.results or p.models}
    data = {
        "papers": papers,
        "boards": {slug: {"name": b.name, "metric": b.metric, "page": f"leaderboards/{slug}.html",
                          "splits": [] if b.split_of else list(b.splits), "split_of": b.split_of[0] if b.split_of else None,
                          "rows": _board(all_boards[slug], () if b.split_of else b.splits)}
                   for slug, b in catalogue.benchmarks.items() if slug in all_boards},
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
