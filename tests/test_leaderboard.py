"""Leaderboard rows: ranking with ties, split boards, and the small formats the tables use."""

import dataclasses

import pytest

from catalogue.leaderboard import backbone_family, backbone_sizes, board_rows, boards, ordinal, placements, score_text, size_class, size_text
from catalogue.validate import load_catalogue
from conftest import FAKE_DATA


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(FAKE_DATA.parent)  # tests/ holds the fake data/


def test_rows_are_ranked_best_first(catalogue):
    rows = board_rows(catalogue, catalogue.benchmarks["alpha-bench"])
    assert [(r.result.variant, r.score, r.rank) for r in rows] == [("FakeEmbed-7B", 61.5, 1), ("FakeEmbed-2B", 55.0, 2)]


def test_equal_scores_share_a_rank_and_the_next_rank_skips(catalogue):
    paper = catalogue.by_slug["fakeembed"]
    tied = dataclasses.replace(paper.results[1], score=61.5, variant="FakeEmbed-Tie")
    third = dataclasses.replace(paper.results[1], score=40.0, variant="FakeEmbed-Low")
    changed = dataclasses.replace(paper, results=(*paper.results, tied, third))
    papers = tuple(changed if p.slug == "fakeembed" else p for p in catalogue.papers)
    rows = board_rows(dataclasses.replace(catalogue, papers=papers), catalogue.benchmarks["alpha-bench"])
    assert [r.rank for r in rows] == [1, 1, 3, 4]


def test_a_split_board_takes_the_parents_split_as_printed(catalogue):
    rows = board_rows(catalogue, catalogue.benchmarks["alpha-bench-unseen"])
    assert [(r.result.variant, r.score) for r in rows] == [("Weird | Model", 58.1), ("FakeEmbed-7B", 52.8)]


def test_placements_count_every_row_of_the_board(catalogue):
    places = placements(boards(catalogue))
    assert places[("fakeembed", "alpha-bench", "FakeEmbed-2B")] == (2, 2)
    assert places[("weird-title", "alpha-bench-unseen", "Weird | Model")] == (1, 2)


@pytest.mark.parametrize(("size", "expected"), [(0.5, "< 3B"), (2.99, "< 3B"), (3, "3–10B"), (10, "3–10B"),
                                                (10.5, "> 10B"), (None, None)])
def test_size_classes(size, expected):
    assert size_class(size) == expected


@pytest.mark.parametrize(("n", "text"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"),
                                         (13, "13th"), (21, "21st"), (22, "22nd"), (101, "101st"), (111, "111th")])
def test_ordinals(n, text):
    assert ordinal(n) == text


def test_numbers_are_shown_as_given():
    assert [score_text(s) for s in (72.0, 72.175, 60.1, 70)] == ["72.0", "72.175", "60.1", "70"]
    assert [size_text(s) for s in (7, 2.21, 0.894, 8.297, None)] == ["7B", "2.21B", "0.894B", "8.297B", "–"]


@pytest.mark.parametrize(("name", "family"), [
    ("Qwen2-VL-7B", "Qwen2-VL"), ("Qwen2.5-VL-3B-Instruct", "Qwen2.5-VL"), ("LLaVA-OneVision-0.5B", "LLaVA-OneVision"),
    ("Llama-3.2-11B-Vision", "Llama-3.2-Vision"), ("Phi-3.5-V-4B", "Phi-3.5-V"), ("SAIL-VL", "SAIL-VL"),
])
def test_backbone_families(name, family):
    assert backbone_family(name) == family


def test_backbone_sizes_come_from_the_names():
    assert backbone_sizes(["Qwen2-VL-2B", "Qwen2-VL-7B", "LLaVA-OneVision-0.5B", "SAIL-VL"]) == (0.5, 2.0, 7.0)
