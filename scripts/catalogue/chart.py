"""A leaderboard's chart: score against the month each paper first appeared, as a static SVG.

Drawn at build time with matplotlib, so readers need no JavaScript to see it; the board's
table is its data. The output is byte-for-byte stable for the same rows (no date, a fixed hash
salt), so an unchanged board never rewrites its chart, and text stays text (no glyph paths).
"""

from __future__ import annotations

import datetime as dt
import io
import logging

from .escape import chart_label
from .leaderboard import SIZE_CLASSES, Row, size_class

MARKERS = {SIZE_CLASSES[0]: "o", SIZE_CLASSES[1]: "s", SIZE_CLASSES[2]: "^", None: "x"}
LABELLED = 5  # the leading models get their names on the chart
SIZE_TICKS = (0.1, 0.25, 0.5, 1, 2, 3, 4, 7, 8, 11, 13, 30, 72, 100, 400)  # the sizes models come in
_STYLE = {"svg.fonttype": "none", "svg.hashsalt": "catalogue", "font.family": "sans-serif", "font.size": 9}


def charted(rows: tuple[Row, ...]) -> tuple[Row, ...]:
    """The rows a chart can place: those whose paper has a first-version month."""
    return tuple(row for row in rows if row.paper.date)


def chart_svg(name: str, rows: tuple[Row, ...], marker: str) -> str:
    """The chart as SVG text, with `marker` (a comment saying who wrote the file) at its top."""
    import matplotlib
    from matplotlib.figure import Figure

    logging.getLogger("matplotlib").setLevel(logging.WARNING)  # its font cache notice is not a build message
    points = charted(rows)
    with matplotlib.rc_context(_STYLE):
        figure = Figure(figsize=(7.2, 3.6))
        axes = figure.add_subplot()
        for size in MARKERS:
            chosen = [row for row in points if size_class(row.result.size) == size]
            if chosen:
                axes.scatter([_month(row) for row in chosen], [row.score for row in chosen], marker=MARKERS[size],
                             s=28, label=size or "size not given", alpha=0.85)
        for row in sorted(points, key=lambda r: r.rank)[:LABELLED]:  # numbers, not names: names collide
            axes.annotate(str(row.rank), (_month(row), row.score), xytext=(4, 2), textcoords="offset points", fontsize=7)
        axes.set_xlabel("first version of the paper")
        axes.set_ylabel(chart_label(f"{name} overall score"))
        axes.grid(alpha=0.3)
        axes.legend(fontsize=7, loc="lower left", bbox_to_anchor=(0, 1.01), ncol=len(MARKERS), frameon=False)
        figure.autofmt_xdate()
        figure.subplots_adjust(left=0.09, right=0.98, bottom=0.2, top=0.9)  # fixed: tight_layout cost 0.1 s a chart
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    svg = out.getvalue()
    start = svg.index("<svg")
    return f"{svg[:start]}<!-- {marker} -->\n{svg[start:]}"


def sized(rows: tuple[Row, ...]) -> tuple[Row, ...]:
    """The rows the size chart can place: those whose result gives the model's size."""
    return tuple(row for row in rows if row.result.size)


def pareto_front(rows: tuple[Row, ...]) -> tuple[Row, ...]:
    """The best model at each size: every row no model of its size or smaller beats, smallest first."""
    front, best = [], None
    for row in sorted(sized(rows), key=lambda r: (r.result.size, -r.score)):
        if best is None or row.score > best:
            front.append(row)
            best = row.score
    return tuple(front)


def size_chart_svg(name: str, rows: tuple[Row, ...], marker: str) -> str:
    """Score against model size, the Pareto front drawn as a step line and its models numbered by rank."""
    import matplotlib
    from matplotlib.figure import Figure

    logging.getLogger("matplotlib").setLevel(logging.WARNING)
    points, front = sized(rows), pareto_front(rows)
    with matplotlib.rc_context(_STYLE):
        figure = Figure(figsize=(7.2, 3.6))
        axes = figure.add_subplot()
        axes.scatter([r.result.size for r in points], [r.score for r in points], s=24, alpha=0.6, label="a model")
        axes.step([r.result.size for r in front], [r.score for r in front], where="post", color="C3", linewidth=1.2,
                  label="best at its size or smaller (Pareto front)")
        axes.scatter([r.result.size for r in front], [r.score for r in front], s=30, color="C3", zorder=3)
        for row in front:
            axes.annotate(str(row.rank), (row.result.size, row.score), xytext=(4, 2), textcoords="offset points", fontsize=7)
        axes.set_xscale("log")
        sizes = [r.result.size for r in points]
        ticks = [t for t in SIZE_TICKS if min(sizes) * 0.9 <= t <= max(sizes) * 1.1] or sorted(set(sizes))
        axes.set_xticks(ticks, [f"{t:g}B" for t in ticks])
        axes.xaxis.set_minor_formatter("")
        axes.set_xlabel("model size (billions of parameters, log scale)")
        axes.set_ylabel(chart_label(f"{name} overall score"))
        axes.grid(alpha=0.3)
        axes.legend(fontsize=7, loc="lower left", bbox_to_anchor=(0, 1.01), ncol=2, frameon=False)
        figure.subplots_adjust(left=0.09, right=0.98, bottom=0.15, top=0.9)
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    svg = out.getvalue()
    start = svg.index("<svg")
    return f"{svg[:start]}<!-- {marker} -->\n{svg[start:]}"


def size_chart_text(name: str, rows: tuple[Row, ...]) -> str:
    """The size chart said in words, for its alt text: the front, smallest first."""
    front = pareto_front(rows)
    steps = "; ".join(f"{r.result.variant} ({r.result.size:g}B) {r.score!r}" for r in front)
    return f"Scatter chart of {len(sized(rows))} {name} scores against model size; the best at each size, smallest first: {steps}."


def chart_text(name: str, rows: tuple[Row, ...]) -> str:
    """The chart said in words, for its alt text."""
    points = charted(rows)
    if not points:
        return f"No {name} score has a dated paper to chart."
    months = sorted(row.paper.date for row in points)
    best = min(points, key=lambda r: r.rank)
    return (f"Scatter chart of {len(points)} {name} scores from {months[0]} to {months[-1]}; "
            f"the highest is {best.result.variant} at {best.score!r}.")


def _month(row: Row) -> dt.date:
    year, month = row.paper.date.split("-")
    return dt.date(int(year), int(month), 15)
