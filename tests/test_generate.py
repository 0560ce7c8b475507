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
