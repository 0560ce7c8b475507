"""The awesome-list importer, run on the seed file itself."""

from pathlib import Path

import pytest
import yaml

from catalogue.importer import import_awesome_list, main

# The README of the awesome list the catalogue was imported from (48 rows), committed verbatim:
# its mojibake, doubled brackets, extra cells and full-width bar are what the importer is tested on.
SEED = Path(__file__).parent / "seed" / "awesome-list-README.md"


@pytest.fixture(scope="module")
def report():
    return import_awesome_list(SEED.read_text(encoding="utf-8"))


def test_every_row_becomes_a_draft(report):
    assert len(report.drafts) == 48
    assert len({d.slug for d in report.drafts}) == 48


def test_full_width_bar_and_mojibake_are_repaired(report):
    assert any("full-width bar" in a for a in report.anomalies)
    assert any("mojibake" in a for a in report.anomalies)
    mm_embed = next(d for d in report.drafts if d.entry["title"].startswith("MM-Embed"))
    assert mm_embed.entry["links"]["paper"] == "https://arxiv.org/abs/2411.02571"


def test_doubled_parentheses_and_pdf_links_are_repaired(report):
    unime_v2 = next(d for d in report.drafts if d.entry["title"].startswith("UniME-V2"))
    assert unime_v2.entry["links"]["paper"] == "https://arxiv.org/abs/2510.13515"
    assert unime_v2.entry["links"]["pdf"] == "https://arxiv.org/pdf/2510.13515"
    assert any("extra brackets" in a for a in report.anomalies)


def test_unreleased_and_non_paper_links_are_reported(report):
    facet = next(d for d in report.drafts if d.entry["title"].startswith("Highlighting"))
    assert "paper" not in facet.entry.get("links", {})
    assert facet.entry["code"] == "unreleased"
    assert any("is a GitHub page, not a paper" in a for a in report.anomalies)
    assert sum("says 'Unreleased' but links" in a for a in report.anomalies) == 2  # the MALP and Retrv-R1 rows
    assert sum("extra cells" in a for a in report.anomalies) == 2


def test_drafts_are_marked_awaiting_verification(report):
    for draft in report.drafts:
        assert "summary" in draft.entry["unverified"] and "authors" in draft.entry["unverified"]


def test_cli_never_overwrites(report, tmp_path, capsys):
    out = tmp_path / "papers"
    assert main([str(SEED), "--out", str(out)]) == 0
    written = sorted(out.glob("*.yaml"))
    assert len(written) == 48
    yaml.safe_load(written[0].read_text(encoding="utf-8"))
    written[0].write_text("mine\n")
    assert main([str(SEED), "--out", str(out)]) == 1
    assert written[0].read_text() == "mine\n"


def test_an_escaped_bar_in_a_title_is_no_extra_cell():
    report = import_awesome_list("| Title | Year | Paper | Github |\n|---|---|---|---|\n"
                                 "| A \\| B | 2024 | [Paper](https://arxiv.org/abs/2403.00001) | [Github](https://github.com/a/b) |\n")
    assert report.drafts[0].entry["title"] == "A | B"
    assert not any("extra cells" in a for a in report.anomalies), report.anomalies
