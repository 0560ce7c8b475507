"""The command line: validate and generate, and nothing written when the data is wrong."""

from catalogue.generate import GENERATED, main
from catalogue.load import cited_keys


def test_generate_then_nothing_changes(fake_root, capsys):
    assert main(["generate", "--root", str(fake_root)]) == 0
    assert "pages written" in capsys.readouterr().out
    assert (fake_root / GENERATED / "fakeembed.md").is_file()
    assert main(["generate", "--root", str(fake_root)]) == 0
    assert "0 pages written, 0 removed" in capsys.readouterr().out


def test_bad_data_writes_nothing_and_reports_every_problem(fake_root, capsys):
    assert main(["generate", "--root", str(fake_root)]) == 0
    before = {p: p.read_bytes() for p in (fake_root / GENERATED).rglob("*") if p.is_file()}
    (fake_root / "data/papers/fakeembed-v2.yaml").unlink()  # would remove a page...
    (fake_root / "data/papers/broken.yaml").write_text("title: x\n")  # ...but this entry is bad
    assert main(["generate", "--root", str(fake_root)]) == 1
    err = capsys.readouterr().err
    assert "data/papers/broken.yaml: authors: is required" in err
    assert "data/papers/fakeembed.yaml: builds_on" not in err
    assert "nothing was written" in err
    assert {p: p.read_bytes() for p in (fake_root / GENERATED).rglob("*") if p.is_file()} == before


def test_validate_writes_nothing(fake_root, capsys):
    assert main(["validate", "--root", str(fake_root)]) == 0
    assert "ok: 3 papers, 2 topics" in capsys.readouterr().out
    assert not (fake_root / "docs").exists()


def test_cited_keys_come_from_hand_written_pages_only(tmp_path):
    docs = tmp_path / "docs"
    (docs / "papers").mkdir(parents=True)
    (docs / "guide").mkdir()
    (docs / "index.md").write_text("See {cite:p}`alpha2024x, beta2025y` and {cite}`gamma2023z`.\n", encoding="utf-8")
    (docs / "guide" / "more.md").write_text("Also {cite:t}`delta2022w`; `{cite}` alone is no key.\n"
                                           "Prose naming the `{cite}` role, then `code`, cites nothing.\n", encoding="utf-8")
    (docs / "papers" / "generated.md").write_text("{cite}`generated2024q`\n", encoding="utf-8")
    assert cited_keys(docs, "papers") == {"alpha2024x", "beta2025y", "gamma2023z", "delta2022w"}


def test_an_entry_that_would_take_a_cited_key_stops_generate(fake_root, capsys):
    import yaml as _yaml

    from catalogue.bibtex import citation_keys
    from catalogue.validate import load_catalogue as _load
    key = citation_keys(_load(fake_root).papers)["fakeembed"]
    (fake_root / "docs").mkdir()
    (fake_root / "docs/index.md").write_text(f"As {{cite}}`{key}` shows.\n", encoding="utf-8")
    entry = _yaml.safe_load((fake_root / "data/papers/fakeembed.yaml").read_text(encoding="utf-8"))
    entry.update(title=entry["title"] + " Again", short_name="FakeEmbed-Again", arxiv=None, added="2020-01-01", results=[])
    entry.pop("models", None)  # they name the results left out
    entry["links"] = {"paper": "https://example.org/again"}
    (fake_root / "data/papers/again.yaml").write_text(_yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
    assert main(["generate", "--root", str(fake_root)]) == 1
    err = capsys.readouterr().err
    assert f"data/papers/again.yaml: title: gives the citation key {key}," in err and "nothing was written" in err
    assert not (fake_root / GENERATED).exists()


def test_a_title_the_awesome_list_would_misread_stops_generate(fake_root, capsys):
    path = fake_root / "data/papers/weird-title.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('title: "A *Weird*', 'title: "Ã©tude A *Weird*', 1), encoding="utf-8")
    assert main(["generate", "--root", str(fake_root)]) == 1
    err = capsys.readouterr().err
    assert "data/papers/weird-title.yaml: title: is written to awesome-list.md as 'Ã©tude A *Weird*" in err
    assert "but read back as 'étude A *Weird*" in err and "nothing was written" in err
    assert not (fake_root / GENERATED).exists()


# --- a hostile contributor's run: one value changed in an otherwise valid entry ------------------
# Each case is refused with a located error (file and field), or accepted and inert in every
# output: the pages render, every export is written, the awesome list reads back exactly, no CSV
# part starts a formula, and the feed is well-formed XML.

import csv  # noqa: E402
import datetime as dt  # noqa: E402
import io  # noqa: E402
import re  # noqa: E402
import xml.dom.minidom  # noqa: E402

import pytest  # noqa: E402
import yaml  # noqa: E402

from catalogue.model import CatalogueError  # noqa: E402
from catalogue.validate import load_catalogue  # noqa: E402

TODAY = dt.date(2026, 11, 27)
REFUSED, INERT = "refused", "inert"


def _result(**changes):
    return dict(dict(benchmark="alpha-bench", variant="FakeEmbed-9B", score=99.0, source="https://example.org/r",
                     table="Table 9", source_kind="authors"), **changes)


HOSTILE_CASES = [  # (field changed, value, expected, the field a refusal must name)
    ("links.paper", "https://openreview.net/forum?id=abc)[Sign-in-to-read](https://evil.example/phish", REFUSED, "links.paper"),
    ("links.models", "https://huggingface.co/x)[Huggingface](javascript:alert(1)", REFUSED, "links.models"),
    ("links.code", "https://gitlab.com/a|extra|cells", REFUSED, "links.code"),
    ("links.code", "https://gitlab.com/a b", REFUSED, "links.code"),
    ("links.project", "https://example.org/a]b", REFUSED, "links.project"),
    ("links.project", "https://example.org/a\x7fb", REFUSED, "links.project"),
    ("title", "Ends in a backslash \\", INERT, None),
    ("title", "Compact;=1+1;@SUM(A1);-2", INERT, None),
    ("title", "=HYPERLINK(\"https://evil.example\")", INERT, None),
    ("title", "A title | with ](x) [y]( and <img src=x> & &amp; `tick` $x$ {role}`y` %", INERT, None),
    ("title", "Fake\ufffeEmbed", REFUSED, "title"),
    ("title", "Fake\uffffEmbed", REFUSED, "title"),
    ("title", "Fake\x01Embed", REFUSED, "title"),
    ("authors", ["Ada \uffff Example"], REFUSED, "authors[0]"),
    ("summary", "A summary holding a noncharacter \ufdd0 " + "word " * 80, REFUSED, "summary"),
    ("date", "0000-01", REFUSED, "date"),
    ("date", "0050-01", REFUSED, "date"),
    ("added", "0050-01-01", REFUSED, "added"),
    ("results", [_result(source="https://example.org/a|b")], REFUSED, "results[0].source"),
    ("results", [_result(variant="Probe (run #2)")], INERT, None),
    ("results", [_result(variant="$\\frac{1}{$", table="$" + "\\sqrt{" * 15 + "$")], INERT, None),
    ("benchmarks.yaml: alpha-bench.name", "$\\frac{1}{$", INERT, None),
    ("benchmarks.yaml: alpha-bench.name", "$" + "\\sqrt{" * 40 + "$", INERT, None),
    ("benchmarks.yaml: alpha-bench.name", "Alpha\ufffe", REFUSED, "alpha-bench.name"),
    ("results", [_result(variant=f"V{i}") for i in range(101)], REFUSED, "results"),
    ("short_name", "FakeEmbed-V2", REFUSED, "short_name"),  # fakeembed-v2.yaml's name
    ("venue", None, INERT, None),
    ("kind", None, INERT, None),
    ("links.models", None, INERT, None),
]


def _apply(entry, field, value):
    if field == "results":
        entry.pop("models", None)  # its released models name the variants of the results replaced
    if "." in field:
        parent, key = field.split(".")
        entry[parent][key] = value
    else:
        entry[field] = value


@pytest.mark.parametrize(("field", "value", "expected", "named"), HOSTILE_CASES,
                         ids=[f"{c[0]}={str(c[1])[:30]!r}" for c in HOSTILE_CASES])
def test_a_hostile_value_is_refused_where_it_is_or_inert_everywhere(fake_root, field, value, expected, named):
    from catalogue.export import FILES, awesome_round_trip
    from catalogue.render import render_catalogue

    name, _, field = field.rpartition(": ")
    path = fake_root / "data" / (name or "papers/fakeembed.yaml")
    entry = yaml.safe_load(path.read_text(encoding="utf-8"))
    _apply(entry, field, value)
    path.write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
    try:
        catalogue = load_catalogue(fake_root, today=TODAY)
    except CatalogueError as err:
        assert expected == REFUSED, [str(p) for p in err.problems]
        assert any(p.path == f"data/{name or 'papers/fakeembed.yaml'}" and p.field == named for p in err.problems), \
            [str(p) for p in err.problems]
        assert all("\n" not in str(p) for p in err.problems)
        return
    assert expected == INERT, "accepted without a word"
    render_catalogue(catalogue)  # every page and chart (mathtext would raise here)
    outputs = {name: write(catalogue, "https://example.org/") for name, write in FILES.items()}
    assert awesome_round_trip(catalogue) == []
    xml.dom.minidom.parseString(outputs["feed.atom"].encode("utf-8"))
    for row in csv.reader(io.StringIO(outputs["catalogue.csv"])):
        for cell in row:
            assert not any(re.match(r" *[=+\-@]", part) for part in cell.split(";")), cell
