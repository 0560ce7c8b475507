"""The benchmark script end to end on the real catalogue (no synthetic papers), one run.

Times are not asserted (they belong to the benchmark, not to tests); what a change makes
Sphinx re-read is.
"""

import os
import re
from pathlib import Path

import bench
import search_eval


def test_bench_reports_both_projects_and_what_each_change_rebuilds(tmp_path):
    out = tmp_path / "results.md"
    assert bench.main(["--sizes", "48", "--runs", "1", "--out", str(out)]) == 0
    report = out.read_text(encoding="utf-8")
    assert "## N = 48" in report and "## Targets" in report
    assert "`python -m nox -s bench -- --sizes 48 --runs 1 --out " in report  # the command that made it
    # An edited summary rebuilds its own page only, in both projects.
    assert "| edit: pages re-read / written | 1 / 1 | 1 / 1 | |" in report
    # A new paper re-reads the pages that list it: more than the floor's page, index and boards, far fewer than all.
    ours, floor = map(int, re.search(r"\| add: pages re-read / written \| (\d+) / \d+ \| (\d+) / \d+", report).groups())
    assert 2 <= floor < ours < 20
    assert re.search(r"\| one paper page, gzip, search index excluded \(KB\) \| \d+\.\d \| \d+\.\d \|", report)
    # A first query is measured on both sides: in Chromium for Pagefind, as Sphinx's index files for the floor.
    if not Path(search_eval.CHROMIUM).exists() and not os.environ.get("CI"):
        assert "| first search query downloads (KB) | not measured (no Chromium) |" in report
        return
    ours, floor = map(float, re.search(r"\| first search query downloads \(KB\) \| (\d+) \| (\d+) \|", report).groups())
    assert 50 < ours and 5 < floor
    assert "first search query under 500 KB downloaded (measured" in report
