"""The benchmark script end to end on the real catalogue (no synthetic papers), one run.

Times are not asserted (they belong to the benchmark, not to tests); what a change makes
Sphinx re-read is.
"""

import datetime as dt
import os
import re
from pathlib import Path

import pytest

import bench
import search_eval

pytestmark = pytest.mark.bench  # full builds of the catalogue: left out of `nox -s quick`


def test_bench_reports_both_projects_and_what_each_change_rebuilds(tmp_path):
    out = tmp_path / "results.md"
    assert bench.main(["--sizes", "48", "--runs", "1", "--out", str(out)]) == 0
    report = out.read_text(encoding="utf-8")
    assert "## N = 48" in report and "## Targets" in report
    assert "`python -m nox -s bench -- --sizes 48 --runs 1 --out " in report  # the command that made it
    # An edited summary rebuilds its own page only, in both projects.
    assert "| edit: pages re-read / written | 1 / 1 | 1 / 1 | |" in report
    # A new paper re-reads the pages that list it: more than the floor's page and index; far fewer than all.
    # Ours: its year, topics, boards, the lists, and the author pages of its authors' letters (at most 27).
    ours, floor = map(int, re.search(r"\| add: pages re-read / written \| (\d+) / \d+ \| (\d+) / \d+", report).groups())
    assert 2 <= floor < ours < 20 + 27
    assert re.search(r"\| one paper page, gzip, search index excluded \(KB\) \| \d+\.\d \| \d+\.\d \|", report)
    # A first query is measured on both sides: in Chromium for Pagefind, as Sphinx's index files for the floor.
    if not Path(search_eval.CHROMIUM).exists() and not os.environ.get("CI"):
        assert "| first search query downloads (KB) | not measured (no Chromium) |" in report
        return
    ours, floor = map(float, re.search(r"\| first search query downloads \(KB\) \| (\d+) \| (\d+) \|", report).groups())
    assert 50 < ours and 5 < floor
    assert "first search query at N=10,000" not in report  # the target is set at that size only
    if not bench.LIGHTHOUSE:
        assert "| Lighthouse performance, mobile, pages (median of 3) | not measured (no Lighthouse or Chromium) |" in report


def test_lighthouse_is_held_to_the_largest_board_and_its_score_read_from_the_report(tmp_path):
    boards = tmp_path / "papers" / "leaderboards"
    boards.mkdir(parents=True)
    (boards / "index.html").write_text('<tr class="row-even">' * 50, encoding="utf-8")
    (boards / "small.html").write_text('<tr class="row-odd"></tr>' + '<tr class="row-even"></tr>' * 30, encoding="utf-8")
    (boards / "long.html").write_text('<div data-total="2500">' + '<tr class="row-even"></tr>' * 10, encoding="utf-8")
    (boards / "long.rows.html").write_text('<tr class="row-even"></tr>' * 2490, encoding="utf-8")
    pages = bench.lighthouse_pages(tmp_path)
    assert pages == {"all papers": "papers/all.html", "largest board (long)": "papers/leaderboards/long.html",
                     "Models": "papers/models.html"}
    assert bench.lighthouse_score('{"categories": {"performance": {"score": 0.934}}}') == 93.4
    with pytest.raises(RuntimeError, match="no performance score"):
        bench.lighthouse_score('{"categories": {"performance": {"score": null}}}')


def test_the_reference_catalogue_is_built_in_full_just_before_each_full_build_of_the_larger_one(tmp_path, monkeypatch):
    today = dt.date.today()  # the real entries it copies may have been added today
    reference = bench.write_catalogue_project(tmp_path / "reference", bench.catalogue_entries(40, today)[0])
    built = []
    real_full_build = bench.full_build

    def recording_full_build(source, out, generated):
        built.append(source)
        return real_full_build(source, out, generated)

    monkeypatch.setattr(bench, "full_build", recording_full_build)
    site, floor = bench.measure_size(48, 1, today, tmp_path / "48", reference)
    assert built == [reference / "docs", tmp_path / "48" / "catalogue" / "docs", tmp_path / "48" / "bare"]
    assert len(site.reference) == 1 and not floor.reference
    assert (tmp_path / "48" / "out-reference" / "html" / "papers" / "all.html").is_file()


def _build(seconds: float) -> bench.Build:
    return bench.Build(seconds, peak_mib=100.0, read=1, written=1, cpu_seconds=seconds)


def test_the_linear_target_pairs_each_large_build_with_the_reference_built_beside_it():
    # The machine slows down between the sizes: the medians (30 s, 400 s) give 13.3x, while
    # every pair of builds made back to back gives 10x.
    small = bench.Side(full=[_build(30.0)] * 3, edit=[_build(2.0)] * 3)
    large = bench.Side(full=[_build(s) for s in (350.0, 400.0, 450.0)],
                       reference=[_build(s) for s in (35.0, 40.0, 45.0)])
    lines = bench._targets({1000: (small, small), 10000: (large, bench.Side())})
    linear = next(line for line in lines if "within 11x the one at N=1,000" in line)
    assert linear.startswith("- met:") and "10.0x, run by run; 13.3x between the sizes' medians" in linear
    large.reference = [_build(s) for s in (30.0, 35.0, 40.0)]
    linear = next(line for line in bench._targets({1000: (small, small), 10000: (large, bench.Side())})
                  if "within 11x" in line)
    assert linear.startswith("- MISSED:") and "11.4x, run by run" in linear


def test_synthetic_entries_validate_and_some_carry_released_models(tmp_path):
    """The entries the bench adds to the real ones, models included, pass the validator."""
    from catalogue.validate import load_catalogue
    today = dt.date.today()
    real = len(load_catalogue(bench.ROOT, today).papers)
    entries, extra = bench.catalogue_entries(real + 60, today)
    project = bench.write_catalogue_project(tmp_path, entries | {bench.ADDED: extra})
    synthetic = [p for p in load_catalogue(project, today).papers if p.slug.startswith("synth-")]
    assert len(synthetic) == 61 and any(p.models for p in synthetic)
