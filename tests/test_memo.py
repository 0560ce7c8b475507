"""Results reused between builds: the same pages as a cold run, and never a stale one."""

import pickle

import pytest
import yaml

from catalogue.memo import CODE, Memo
from catalogue.model import CatalogueError
from catalogue.render import render_catalogue
from catalogue.validate import load_catalogue


def run(root, previous=None):
    memo = Memo(previous)
    pages = render_catalogue(load_catalogue(root, memo=memo), memo)
    return pages, memo


def edit(root, name, **fields):
    path = root / "data" / "papers" / name
    entry = yaml.safe_load(path.read_text(encoding="utf-8"))
    entry.update(fields)
    path.write_text(yaml.safe_dump(entry, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_an_unchanged_catalogue_reuses_everything_and_renders_the_same(fake_root):
    cold, first = run(fake_root)
    # The memo travels pickled inside Sphinx's environment between builds.
    warm, second = run(fake_root, pickle.loads(pickle.dumps(first.current)))
    assert warm == cold
    assert second.misses == 0 and second.hits == first.misses > 0


def test_an_edited_summary_is_checked_and_rendered_again(fake_root):
    _, first = run(fake_root)
    summary = yaml.safe_load((fake_root / "data/papers/fakeembed.yaml").read_text(encoding="utf-8"))["summary"]
    edit(fake_root, "fakeembed.yaml", summary=summary.replace("fake paper", "made-up paper"))
    warm, second = run(fake_root, first.current)
    assert "made-up paper" in warm["fakeembed.md"]
    assert warm == run(fake_root)[0]  # exactly what a run without the memo writes
    assert 0 < second.misses < second.hits


def test_a_summary_edit_renders_only_its_own_page(fake_root):
    """The lists and the all-papers table are keyed by what they show, which holds no summary."""
    _, first = run(fake_root)
    summary = yaml.safe_load((fake_root / "data/papers/fakeembed.yaml").read_text(encoding="utf-8"))["summary"]
    edit(fake_root, "fakeembed.yaml", summary=summary.replace("fake paper", "made-up paper"))
    _, second = run(fake_root, first.current)
    assert sorted(key[0] for key in second.current if key != "code" and key not in first.current) == ["bib", "page", "paper"]


# A date must match the arXiv id's month, so the date case moves both.
NEW_DATE = {"date": "2024-04", "arxiv": "2404.00001", "links": {"paper": "https://arxiv.org/abs/2404.00001"}}


@pytest.mark.parametrize("fields", [
    {"title": "FakeEmbed: Renamed"}, {"short_name": "FakeEmbedX"}, {"venue": "ICCV 2025"}, NEW_DATE,
    {"code": "unreleased"}, {"kind": "benchmark"}, {"backbones": ["Other-VL-2B"]}, {"modalities": ["text", "video"]},
    {"topics": ["beta-topic"]}, {"added": "2026-02-20"},
    {"results": [dict(benchmark="alpha-bench", variant="FakeEmbed-7B", size=7, score=64.0,
                      source="https://arxiv.org/abs/2403.00001", table="Table 2", source_kind="paper")],
     "models": []},
    {"models": [dict(name="FakeEmbed-7B", source="https://example.org/card", licence="MIT", variants=["FakeEmbed-7B"])]},
], ids=lambda fields: next(iter(fields)))
def test_whatever_a_list_or_table_shows_renders_it_again(fake_root, fields):
    _, first = run(fake_root)
    edit(fake_root, "fakeembed.yaml", **fields)
    assert run(fake_root, first.current)[0] == run(fake_root)[0]  # exactly what a run without the memo writes


def test_a_file_broken_after_a_clean_build_is_still_reported(fake_root):
    _, first = run(fake_root)
    edit(fake_root, "fakeembed.yaml", topics=["no-such-topic"])
    with pytest.raises(CatalogueError, match="fakeembed.yaml: topics\\[0\\]"):
        run(fake_root, first.current)


def test_a_topic_removed_from_the_vocabulary_invalidates_the_papers_using_it(fake_root):
    _, first = run(fake_root)
    topics = fake_root / "data" / "topics.yaml"
    vocabulary = yaml.safe_load(topics.read_text(encoding="utf-8"))
    del vocabulary["alpha-topic"]
    topics.write_text(yaml.safe_dump(vocabulary), encoding="utf-8")
    with pytest.raises(CatalogueError, match="'alpha-topic' is not a topic"):
        run(fake_root, first.current)


def test_results_of_another_version_of_the_generator_are_not_reused(fake_root):
    _, first = run(fake_root)
    stale = {**first.current, "code": b"another version"}
    _, second = run(fake_root, stale)
    assert second.hits == 0 and second.current["code"] == CODE


def test_removing_a_paper_others_build_on_is_reported_even_with_a_memo(fake_root):
    _, first = run(fake_root)
    (fake_root / "data/papers/fakeembed.yaml").unlink()
    with pytest.raises(CatalogueError, match="fakeembed-v2.yaml: builds_on\\[0\\]: 'fakeembed' is not a paper"):
        run(fake_root, first.current)
