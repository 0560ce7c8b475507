"""The boards' charts (scripts/catalogue/chart.py): the score-over-size chart and its Pareto front."""

import dataclasses
import xml.etree.ElementTree as ET

from catalogue.chart import pareto_front, size_chart_svg, size_chart_text
from catalogue.leaderboard import board_rows
from catalogue.validate import load_catalogue
from conftest import FAKE_DATA, PROJECT


def _rows(*pairs):
    """Board rows with the given (size, score), best first, from a fake result."""
    catalogue = load_catalogue(FAKE_DATA.parent)
    row = board_rows(catalogue, catalogue.benchmarks["alpha-bench"])[0]
    ordered = sorted(pairs, key=lambda p: -p[1])
    return tuple(dataclasses.replace(row, result=dataclasses.replace(row.result, size=size, variant=f"m{i}"), score=score,
                                     rank=i + 1) for i, (size, score) in enumerate(ordered))


def test_the_front_is_the_best_score_at_each_size_or_smaller():
    rows = _rows((2, 50.0), (2, 55.0), (7, 54.0), (7, 60.0), (13, 58.0), (30, 61.0), (None, 99.0))
    assert [(r.result.size, r.score) for r in pareto_front(rows)] == [(2, 55.0), (7, 60.0), (30, 61.0)]
    assert "m1 (30B) 61.0" in size_chart_text("Alpha", rows) and "of 6 Alpha scores" in size_chart_text("Alpha", rows)


def test_the_size_chart_is_stable_text_svg_for_a_real_board():
    catalogue = load_catalogue(PROJECT)
    rows = board_rows(catalogue, catalogue.benchmarks["mmeb-v2"])
    svg = size_chart_svg("MMEB-V2", rows, "made by a test")
    assert svg == size_chart_svg("MMEB-V2", rows, "made by a test")  # byte for byte
    root = ET.fromstring(svg)
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "model size" in texts and "Pareto front" in texts  # text, not glyph paths
