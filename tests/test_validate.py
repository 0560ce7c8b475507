"""The validator rejects each class of bad input with the file, the field and the fix.

Each case mutates one valid fixture (tests/data/papers/fakeembed.yaml) and checks the message.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
import yaml

from catalogue.model import CatalogueError
from catalogue.validate import load_catalogue
from conftest import FAKE_DATA

FILE = "data/papers/fakeembed.yaml"
TODAY = dt.date(2026, 11, 27)


def fake_entry() -> dict:
    return yaml.safe_load((FAKE_DATA / "papers/fakeembed.yaml").read_text(encoding="utf-8"))


def problems_after(root: Path, mutate=None, text: str | bytes | None = None, name="fakeembed.yaml") -> list[str]:
    path = root / "data" / "papers" / name
    if text is None:
        entry = fake_entry()  # pristine each time
        mutate(entry)
        text = yaml.safe_dump(entry, allow_unicode=True, sort_keys=False)
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(root, today=TODAY)
    return [str(p) for p in caught.value.problems]


def the_one(problems: list[str], field: str, *words: str) -> str:
    """The problem for `field` that contains every word (the fix)."""
    matching = [p for p in problems if p.startswith(f"{FILE}: {field}: ") and all(w in p for w in words)]
    assert matching, f"no problem for {field} saying {words} in {problems}"
    return matching[0]


def test_the_fake_catalogue_is_valid(fake_root):
    catalogue = load_catalogue(fake_root, today=TODAY)
    assert [p.slug for p in catalogue.papers] == ["fakeembed-v2", "weird-title", "fakeembed"]


def test_yaml_syntax_error_gives_line_and_column(fake_root):
    problems = problems_after(fake_root, text="title: [unclosed\nauthors: x\n")
    the_one(problems, "yaml", "line 2", "column")


@pytest.mark.parametrize(
    ("raw", "words"),
    [(b"", ["empty", "template"]), (b"\xff\xfe title", ["not UTF-8", "save it as UTF-8"]),
     (b"- a\n- list\n", ["mapping", "list"]), (b"title: a\ntitle: b\n", ["appears twice"]),
     (b"x: !!python/object/apply:os.system ['true']\n", ["syntax error"]),
     (b"a" * 70_000, ["bytes", "under"])],
    ids=["empty", "not-utf8", "not-mapping", "repeated-key", "python-object", "too-large"],
)
def test_unreadable_files_get_a_message_not_a_traceback(fake_root, raw, words):
    problems = problems_after(fake_root, text=raw)
    assert any(all(w in p for w in words) and p.startswith(FILE) for p in problems), problems


def test_unknown_field_suggests_the_right_one(fake_root):
    problems = problems_after(fake_root, lambda e: e.update(topcis=e.pop("topics")))
    the_one(problems, "topcis", "unknown field", "did you mean 'topics'")


@pytest.mark.parametrize("field", ["title", "authors", "date", "topics", "summary"])
def test_missing_required_field(fake_root, field):
    problems = problems_after(fake_root, lambda e: e.pop(field))
    the_one(problems, field, "is required")


def test_missing_paper_link(fake_root):
    problems = problems_after(fake_root, lambda e: e["links"].pop("paper"))
    the_one(problems, "links.paper", "is required", "unverified")


def test_unverified_fields_may_be_missing(fake_root):
    problems = problems_after(fake_root, lambda e: (e.pop("authors"), e.update(unverified=["authors"], kind="nope")))
    assert not any("authors" in p for p in problems), problems  # only the kind is wrong


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [("authors", "Ada Example", ["must be a list"]), ("title", 42, ["must be text", "quotes"]),
     ("topics", "alpha-topic", ["must be a list"]), ("links", "https://arxiv.org/abs/2403.00001", ["mapping"]),
     ("summary", ["x"], ["Markdown text"])],
)
def test_wrong_types(fake_root, field, value, words):
    the_one(problems_after(fake_root, lambda e: e.update({field: value})), field, *words)


@pytest.mark.parametrize(
    ("value", "words"),
    [("2024-3", ["YYYY-MM"]), ("March 2024", ["YYYY-MM"]), (dt.date(2024, 3, 1), ["YYYY-MM"]),
     ("2027-01", ["future"])],
)
def test_bad_dates(fake_root, value, words):
    the_one(problems_after(fake_root, lambda e: e.update(date=value, arxiv=None)), "date", *words)


def test_date_must_match_the_arxiv_id(fake_root):
    the_one(problems_after(fake_root, lambda e: e.update(date="2023-03")), "date", "does not match arXiv 2403.00001")


@pytest.mark.parametrize(
    ("value", "words"),
    [(2403.00001, ["read as a number", "quote"]), ("arXiv:2403.00001", ["not an arXiv id"]),
     ("2403.00001v2", ["no version"])],
)
def test_bad_arxiv_ids(fake_root, value, words):
    the_one(problems_after(fake_root, lambda e: e.update(arxiv=value)), "arxiv", *words)


@pytest.mark.parametrize(
    ("field", "url", "words"),
    [("paper", "https://arxiv.org/pdf/2403.00001", ["canonical abstract page", "links.pdf"]),
     ("paper", "https://arxiv.org/abs/2403.00001v2", ["canonical"]),
     ("code", "http://github.com/example/fakeembed", ["https://"]),
     ("code", "https://github.com/example/fakeembed/tree/main", ["repository root"]),
     ("code", "https://arxiv.org/abs/2403.00001", ["same as links.paper"]),
     ("models", "javascript:alert(1)", ["https://"]),
     ("models", "https://huggingface.co/a b", ["space"]),
     ("pdf", "(https://arxiv.org/pdf/2403.00001)", ["brackets"]),
     ("project", "https://example.org/x<script>", ["no place in a URL"]),
     ("homepage", "https://example.org", ["unknown link", "project"])],
)
def test_bad_links(fake_root, field, url, words):
    the_one(problems_after(fake_root, lambda e: e["links"].update({field: url})), f"links.{field}", *words)


def test_paper_link_without_arxiv_must_not_be_github(fake_root):
    def mutate(e):
        e.pop("arxiv")
        e["links"] = {"paper": "https://github.com/example/fakeembed/blob/main/report.pdf"}
    the_one(problems_after(fake_root, mutate), "links.paper", "GitHub", "links.code")


def test_unknown_topic_suggests_one(fake_root):
    the_one(problems_after(fake_root, lambda e: e.update(topics=["alpha-topc"])), "topics[0]",
            "not a topic in data/topics.yaml", "did you mean 'alpha-topic'")


def test_too_many_topics(fake_root):
    topics = ["alpha-topic", "beta-topic", "alpha-topic", "beta-topic", "alpha-topic"]
    the_one(problems_after(fake_root, lambda e: e.update(topics=topics)), "topics[2]", "listed twice")
    the_one(problems_after(fake_root, lambda e: e.update(topics=[])), "topics", "is required")


def test_builds_on_unknown_slug(fake_root):
    the_one(problems_after(fake_root, lambda e: e.update(builds_on=["fakeembed-v3"])), "builds_on[0]",
            "not a paper in data/papers", "did you mean")


@pytest.mark.parametrize(
    ("summary", "words"),
    [("", ["empty"]), ("Too short.", ["words", "80-200"]), ("word " * 250, ["words", "80-200"]),
     ("x" * 4000, ["characters", "under"])],
)
def test_empty_or_oversize_summary(fake_root, summary, words):
    the_one(problems_after(fake_root, lambda e: e.update(summary=summary)), "summary", *words)


@pytest.mark.parametrize("field", ["source", "source_kind", "table", "score", "variant", "benchmark"])
def test_a_result_names_its_source_and_kind(fake_root, field):
    the_one(problems_after(fake_root, lambda e: e["results"][0].pop(field)), f"results[0].{field}", "is required")


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"benchmark": "alpha-bnch"}, "benchmark", ["not one of", "did you mean 'alpha-bench'"]),
    ({"benchmark": "Alpha-Bench"}, "benchmark", ["did you mean 'alpha-bench'"]),
    ({"score": "about 60"}, "score", ["number from 0 to 100"]),
    ({"score": 100.5}, "score", ["number from 0 to 100"]),
    ({"score": -1}, "score", ["number from 0 to 100"]),
    ({"size": "7B"}, "size", ["in billions as a number", "not '7B'"]),
    ({"size": 7000}, "size", ["in billions"]),
    ({"source": "arXiv 2403.00001, Table 2"}, "source", ["https://"]),
    ({"source_kind": "blog"}, "source_kind", ["not one of: paper, authors, leaderboard, third-party"]),
    ({"source_kind": "leaderboard"}, "leaderboard_status", ["is required", "self-reported or verified"]),
    ({"source_kind": "third-party"}, "later_paper", ["is required", "name the later paper"]),
    ({"leaderboard_status": "verified"}, "leaderboard_status", ["only goes with source_kind: leaderboard"]),
    ({"zero_shot": "yes"}, "zero_shot", ["true or false"]),
    ({"splits": {"Seen": 70.2, "Unsen": 52.8}}, "splits.Unsen", ["not a split", "did you mean 'Unseen'"]),
    ({"splits": {"Seen": 170}}, "splits.Seen", ["0 to 100"]),
    ({"splits": [70.2]}, "splits", ["mapping"]),
    ({"paper": "x"}, "paper", ["unknown field"]),
    ({"source_kind": "leaderboard", "leaderboard_status": "verified", "as_of": None}, "as_of", ["is required", "board's snapshot"]),
    ({"source_kind": "third-party", "later_paper": "X (arXiv 2501.00001)", "as_of": None}, "as_of", ["is required", "later paper's version"]),
    ({"as_of": "2026-12-01"}, "as_of", ["in the future"]),
    ({"as_of": "2027-01"}, "as_of", ["in the future"]),
    ({"as_of": "0050-01"}, "as_of", ["before 1990"]),
    ({"as_of": "2026-13"}, "as_of", ["YYYY-MM-DD", "YYYY-MM"]),
    ({"as_of": "August 2026"}, "as_of", ["YYYY-MM-DD"]),
    ({"as_of": 2026}, "as_of", ["YYYY-MM-DD"]),
    ({"splits": {"Image-CLS": 60.0}}, "splits.Image-CLS", ["not a split", "Alpha Bench has: Seen, Unseen"]),
])
def test_bad_results_are_named_with_the_fix(fake_root, change, field, words):
    the_one(problems_after(fake_root, lambda e: e["results"][0].update(change)), f"results[0].{field}", *words)


def test_two_rows_for_the_same_benchmark_variant_kind_and_date(fake_root):
    def mutate(e):
        e["results"].append(copy.deepcopy(dict(e["results"][0], score=62.0)))  # a copy: a shared one dumps as an alias
    the_one(problems_after(fake_root, mutate), f"results[{len(fake_entry()['results'])}].variant",
            "results[0] already gives FakeEmbed-7B", "from a paper source as of 2024-03",
            "one row per benchmark, variant, kind of source and date")


def test_one_model_may_have_a_paper_row_and_dated_board_rows(fake_root):
    """The same variant from its paper and from two snapshots of the board is history, not a duplicate."""
    catalogue = load_catalogue(fake_root, today=TODAY)
    rows = [r for r in catalogue.by_slug["fakeembed"].results if r.variant == "FakeEmbed-7B"]
    assert [(r.source_kind, r.as_of) for r in rows] == [("paper", "2024-03"), ("leaderboard", "2026-08-15")]


def test_an_as_of_date_reads_the_same_quoted_or_not(fake_root):
    """YAML reads an unquoted 2026-08-15 as a date: it must come out as the text a quoted one gives."""
    unquoted = load_catalogue(fake_root, today=TODAY).by_slug["fakeembed"].results[1].as_of
    path = fake_root / "data/papers/fakeembed.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("as_of: 2026-08-15", "as_of: '2026-08-15'"), encoding="utf-8")
    assert unquoted == load_catalogue(fake_root, today=TODAY).by_slug["fakeembed"].results[1].as_of == "2026-08-15"


@pytest.mark.parametrize(("pending", "field", "words"), [
    ([{"benchmark": "alpha-bnch", "reason": "table not yet read"}], "pending_results[0].benchmark", ["did you mean 'alpha-bench'"]),
    ([{"benchmark": "alpha-bench"}], "pending_results[0].reason", ["is required"]),
    ([{"benchmark": "alpha-bench", "reason": "a | pipe"}], "pending_results[0].reason", ["plain text"]),
    ([{"benchmark": "alpha-bench", "reason": "x", "score": 60}], "pending_results[0].score", ["unknown field"]),
    (["alpha-bench"], "pending_results[0]", ["mapping with benchmark and reason"]),
    ({"benchmark": "alpha-bench"}, "pending_results", ["list"]),
    ([{"benchmark": "alpha-bench", "reason": "x"}, {"benchmark": "alpha-bench", "reason": "y"}],
     "pending_results[1].benchmark", ["listed twice"]),
])
def test_bad_pending_results_are_named_with_the_fix(fake_root, pending, field, words):
    the_one(problems_after(fake_root, lambda e: e.update(pending_results=pending)), field, *words)


def test_dates_before_1990_are_refused(fake_root):
    the_one(problems_after(fake_root, lambda e: e.update(date="0050-01", arxiv=None)), "date", "before 1990")


def test_a_benchmark_vocabulary_with_a_bad_split_of_is_refused(fake_root):
    path = fake_root / "data/benchmarks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("split: Unseen", "split: Unknown"), encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(fake_root, today=TODAY)
    assert "data/benchmarks.yaml: alpha-bench-unseen.split_of: 'alpha-bench' has no split 'Unknown'" in str(caught.value)


@pytest.mark.parametrize("name", ["FakeEmbed.yaml", "all.yaml", "2025.yaml", "fake_embed.yaml"])
def test_bad_file_names(fake_root, name):
    problems = problems_after(fake_root, text=(fake_root / "data/papers/fakeembed.yaml").read_bytes(), name=name)
    assert any(p.startswith(f"data/papers/{name}: file:") for p in problems), problems


def test_duplicate_arxiv_id_and_title(fake_root):
    text = (fake_root / "data/papers/fakeembed.yaml").read_text(encoding="utf-8")
    problems = problems_after(fake_root, text=text.replace("FakeEmbed: A", "fakeembed -- a"), name="zz-copy.yaml")
    assert any(p.startswith("data/papers/zz-copy.yaml: arxiv: duplicates data/papers/fakeembed.yaml") for p in problems)
    assert any(p.startswith("data/papers/zz-copy.yaml: title: duplicates") for p in problems)


def test_every_problem_is_reported_at_once(fake_root):
    (fake_root / "data/papers/broken.yaml").write_text("title: [\n", encoding="utf-8")
    problems = problems_after(fake_root, lambda e: e.update(date="soon", kind="novel"))
    assert {p.split(": ")[0] + ": " + p.split(": ")[1] for p in problems} >= {
        f"{FILE}: date", f"{FILE}: kind", "data/papers/broken.yaml: yaml"}


def test_the_real_catalogue_is_valid():
    catalogue = load_catalogue(Path(__file__).parents[1])
    assert len(catalogue.papers) >= 48
    assert all(p.summary or "summary" in p.unverified for p in catalogue.papers)


# Hostile entries found by an independent test (issue 10): each gets a message, never a traceback.

SECRET = "TOP-SECRET-LINE-FROM-OUTSIDE"


@pytest.mark.parametrize("target", ["outside", "/dev/zero", "directory", "fifo"])
def test_anything_but_a_regular_file_is_refused_unread(fake_root, tmp_path_factory, target):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.yaml").write_text(f"title: {SECRET}\n", encoding="utf-8")
    path = fake_root / "data/papers/hostile.yaml"
    if target == "outside":
        path.symlink_to(outside / "secret.yaml")
    elif target == "/dev/zero":
        path.symlink_to("/dev/zero")
    elif target == "directory":
        path.mkdir()
    else:
        import os
        os.mkfifo(path)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(fake_root, today=TODAY)
    messages = [str(p) for p in caught.value.problems]
    assert any(m.startswith("data/papers/hostile.yaml: file: is") for m in messages), messages
    assert SECRET not in " ".join(messages)


def test_a_symlinked_papers_folder_is_refused(fake_root):
    real = fake_root / "elsewhere"
    (fake_root / "data/papers").rename(real)
    (fake_root / "data/papers").symlink_to(real)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(fake_root, today=TODAY)
    assert "data/papers: folder: is a symbolic link" in str(caught.value)


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True))
CHAIN = "k0: &0 x\n" + "".join(f"k{i}: &{i} [*{i - 1}]\n" for i in range(1, 3000))  # 3,000 deep, under 64 KiB


@pytest.mark.parametrize("text", [BOMB, CHAIN, "title: &t T\nshort_name: *t\n", "base: &b {x: 1}\nmore:\n  <<: *b\n"],
                         ids=["billion-laughs", "alias-chain", "one-alias", "merge-key"])
def test_anchors_and_aliases_are_refused_before_construction(fake_root, text):
    the_one(problems_after(fake_root, text=text), "yaml", "anchor and alias", "write each value out")


def test_messages_never_show_a_whole_non_text_value(fake_root):
    def huge():  # a new list each time: one list in three places would be dumped as an alias
        return [f"item-{i}" for i in range(1000)]
    problems = problems_after(fake_root, lambda e: e.update(date=huge(), kind={"a": huge()}, arxiv=huge()))
    assert all(len(p) < 400 for p in problems), max(problems, key=len)[:500]
    the_one(problems, "date", "a list", "YYYY-MM")


def test_a_file_name_with_a_trailing_newline_is_refused(fake_root):
    text = (fake_root / "data/papers/fakeembed.yaml").read_bytes()
    problems = problems_after(fake_root, text=text, name="newline\n.yaml")
    assert any(p.startswith("data/papers/newline?.yaml: file: the file name is the page URL") for p in problems)
    assert all("\n" not in p for p in problems)  # one line per problem, whatever the name holds


def test_topic_slug_index_is_reserved(fake_root):
    with (fake_root / "data/topics.yaml").open("a", encoding="utf-8") as topics:
        topics.write("index:\n  title: Index\n  description: Would overwrite the topics overview.\n")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(fake_root, today=TODAY)
    assert "data/topics.yaml: index: 'index' is reserved for the topics overview page" in str(caught.value)


@pytest.mark.parametrize(("url", "words"), [
    ("https://arxiv.org@evil.example/abs/2403.00001", ["user info"]),
    ("https://аrxiv.org/abs/2403.00001", ["non-ASCII", "look-alike"]),  # a Cyrillic "а"
    ("https://xn--rxiv-5ve.org/abs/2403.00001", ["valid host name"]),
    ("https://huggingface.co:8443/x", ["port"]),
    ("https://localhost/x", ["valid host name"]),
    ("https://example.org/" + "a" * 600, ["characters long"]),
])
def test_links_that_show_one_host_and_go_to_another_are_refused(fake_root, url, words):
    the_one(problems_after(fake_root, lambda e: e["links"].update(models=url)), "links.models", *words)


# (NEL, U+0085, is missing: YAML itself reads it as a line break.)
@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\x9b", "\x07"],
                         ids=["rlo", "lri", "zwsp", "zwj", "bom", "csi", "bell"])
@pytest.mark.parametrize("field", ["title", "authors", "summary"])
def test_invisible_and_control_characters_are_refused(fake_root, char, field):
    def mutate(e):
        if field == "authors":
            e["authors"][0] = f"Ada{char} Example"
        else:
            e[field] = e[field].replace("a", f"a{char}", 1)
    the_one(problems_after(fake_root, mutate), f"{field}[0]" if field == "authors" else field, f"U+{ord(char):04X}")


def test_titles_have_a_length_limit(fake_root):
    the_one(problems_after(fake_root, lambda e: e.update(title="Long " * 12_000)), "title", "characters", "under 300")


def test_the_bibtex_override_is_parsed_and_checked(fake_root):
    hostile = '@preamble{"\\immediate\\write18{id}"}\n@misc{fake, title={T}}\n'
    the_one(problems_after(fake_root, lambda e: e.update(bibtex=hostile)), "bibtex", "@preamble")
    second = "@misc{a, title={T}}\n@misc{example2025fakeembedv2, title={Hijack}}\n"
    the_one(problems_after(fake_root, lambda e: e.update(bibtex=second)), "bibtex", "exactly one entry")


def test_a_file_that_takes_too_long_to_check_is_refused(fake_root, monkeypatch):
    import time

    from catalogue import validate

    monkeypatch.setattr(validate, "SECONDS_PER_FILE", 0.2)
    monkeypatch.setattr(validate, "summary_problems", lambda text: time.sleep(5) or [])
    the_one(problems_after(fake_root, lambda e: e.update(title="Slow")), "file", "took over", "simplify")


def test_checked_is_required_and_says_when_and_against_what(fake_root):
    the_one(problems_after(fake_root, lambda e: e.pop("checked")), "checked", "is required", "unverified")
    the_one(problems_after(fake_root, lambda e: e["checked"].update(month="2027-01")), "checked.month", "future")
    the_one(problems_after(fake_root, lambda e: e["checked"].update(sources=[])), "checked.sources", "1 to 12")
    the_one(problems_after(fake_root, lambda e: e["checked"]["sources"][0].update(url="http://x.example/")),
            "checked.sources[0].url", "https://")
    the_one(problems_after(fake_root, lambda e: e["checked"]["sources"][0].pop("label")), "checked.sources[0]",
            "label", "url")


def test_checked_may_await_verification(fake_root):
    def mutate(e):
        e.pop("checked")
        e["unverified"] = ["checked"]
    (fake_root / "data/papers/fakeembed.yaml").write_text(yaml.safe_dump(mutate_copy(fake_root, mutate)), encoding="utf-8")
    load_catalogue(fake_root, today=TODAY)


def mutate_copy(root, mutate):
    entry = yaml.safe_load((root / "data/papers/fakeembed.yaml").read_text(encoding="utf-8"))
    mutate(entry)
    return entry


def test_a_paper_link_that_is_not_text_is_reported_beside_a_code_link(fake_root):
    """Found by the property test: links.paper as a boolean crashed the check of links.code."""
    problems = problems_after(fake_root, lambda e: e["links"].update(paper=True, code="https://github.com/example/fakeembed"))
    the_one(problems, "links.paper", "must be a URL", "not")


@pytest.mark.parametrize(("ledger", "field", "words"), [
    ('"2403.00091": {title: X, reason: too old}\n', "2403.00091.reason", ["not one of", "before 2023-06"]),
    ('"2403.00091": {title: X}\n', "2403.00091.reason", ["is required"]),
    ('"2403.00091": {reason: survey}\n', "2403.00091.title", ["is required"]),
    ('"2403.00091": {title: X, reason: other}\n', "2403.00091.note", ["is required with reason 'other'"]),
    ('"2403.00091": {title: X, reason: survey, why: y}\n', "2403.00091.why", ["unknown field"]),
    ('2403.00091: {title: X, reason: survey}\n', "2403.00091", ["arXiv id in quotes"]),
    ('"paper one": {title: X, reason: survey}\n', "paper one", ["arXiv id in quotes", "https://"]),
    ('"2403.00001": {title: X, reason: survey}\n', "2403.00001", ["also the entry data/papers/fakeembed.yaml"]),
    ('- 2403.00091\n', "file", ["must be a mapping"]),
])
def test_a_bad_ledger_of_left_out_candidates_is_named_with_the_fix(fake_root, ledger, field, words):
    (fake_root / "data/excluded.yaml").write_text(ledger, encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(fake_root, today=TODAY)
    problems = [str(p) for p in caught.value.problems]
    assert any(p.startswith(f"data/excluded.yaml: {field}: ") and all(w in p for w in words) for p in problems), problems


def test_the_ledger_is_read_in_file_order_and_may_be_absent(fake_root):
    assert [e.key for e in load_catalogue(fake_root, today=TODAY).excluded] == ["2403.00090", "https://example.org/papers/agent"]
    (fake_root / "data/excluded.yaml").unlink()
    assert load_catalogue(fake_root, today=TODAY).excluded == ()


def _set(entry: dict, field: str, value) -> None:
    """Set a field given as the validator names it: title, links.models, results[0].variant."""
    import re
    target, parts = entry, re.findall(r"[^.\[\]]+", field)
    for part in parts[:-1]:
        target = target[int(part)] if part.isdigit() else target[part]
    last = parts[-1]
    target[int(last) if last.isdigit() else last] = value


@pytest.mark.parametrize("char", ["\ufffe", "\uffff", "\x01", "\x0b", "\x1f", "\ufdd0", "\U0010ffff"])
@pytest.mark.parametrize("field", ["title", "authors[1]", "venue", "results[0].variant", "results[0].table",
                                   "checked.sources[0].label", "summary", "backbones[0]", "short_name"])
def test_every_text_field_refuses_what_xml_cannot_hold(fake_root, field, char):
    problems = problems_after(fake_root, lambda e: _set(e, field, f"Fake{char}Embed"))
    the_one(problems, field, f"U+{ord(char):04X}", "XML", "delete it")


def test_a_key_xml_cannot_hold_is_named_without_the_character(fake_root):
    problems = problems_after(fake_root, lambda e: e["links"].update({"co\ufffede": "https://example.org/x"}))
    assert any(p.startswith(f"{FILE}: links.co?de: contains U+FFFE") for p in problems), problems


@pytest.mark.parametrize(("field", "value"), [("date", "0000-01"), ("date", "0050-01"), ("date", "1989-12"),
                                              ("added", "0001-01-01"), ("added", "1989-12-31"),
                                              ("checked.month", "0050-01"), ("results[0].as_of", "0050-01")])
def test_every_date_field_before_1990_is_refused(fake_root, field, value):
    problems = problems_after(fake_root, lambda e: _set(e, field, value))
    the_one(problems, field, "before 1990", "check the year")


def test_dates_after_today_are_refused(fake_root):
    for field, value in (("date", "2027-01"), ("added", "2026-11-28"), ("results[0].as_of", "2027-01")):
        problems = problems_after(fake_root, lambda e, f=field, v=value: _set(e, f, v))
        the_one(problems, field, "future")


def test_problems_per_file_are_capped_and_thousands_of_unknown_keys_are_reported_fast(fake_root):
    import time

    from catalogue.model import MAX_PROBLEMS_PER_FILE
    junk = "".join(f"unknown_key_{i:04d}: 1\n" for i in range(3000))
    for n in range(14):
        (fake_root / f"data/papers/junk-{n}.yaml").write_text(junk, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(fake_root, today=TODAY)
    assert time.perf_counter() - started < 30  # was minutes: a suggestion per key, and a file read per problem
    for n in range(14):
        mine = [p for p in caught.value.problems if p.path == f"data/papers/junk-{n}.yaml"]
        assert len(mine) == MAX_PROBLEMS_PER_FILE + 1
        assert str(mine[-1]) == (f"data/papers/junk-{n}.yaml: file: and {3000 + 7 - MAX_PROBLEMS_PER_FILE:,} more problems; "  # and 7 required fields
                                 "fix those above (is this the right file?) and check again")


def test_a_few_problems_are_all_shown_with_their_suggestions(fake_root):
    problems = problems_after(fake_root, lambda e: e.update(titel="x", summery="y"))
    the_one(problems, "titel", "did you mean 'title'")
    the_one(problems, "summery", "did you mean 'summary'")
    assert not any("more problems" in p for p in problems)


def test_a_second_entry_with_a_taken_short_name_is_refused_by_name(fake_root):
    entry = fake_entry()
    entry.update(title="Another Paper Entirely", arxiv=None, short_name="fakeembed", date="2024-05")
    entry["links"] = {"paper": "https://example.org/another"}
    entry["results"] = []
    entry.pop("models", None)  # they name the results left out
    (fake_root / "data/papers/zz-copy.yaml").write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(fake_root, today=TODAY)
    assert [str(p) for p in caught.value.problems] == [
        "data/papers/zz-copy.yaml: short_name: 'fakeembed' is already the short name of data/papers/fakeembed.yaml; "
        "give this paper its own name (e.g. with its version)"]


@pytest.mark.parametrize("field", ["results", "pending_results"])
def test_more_than_100_results_are_refused_not_cut(fake_root, field):
    def many(entry):
        if field == "results":
            entry["results"] = [dict(entry["results"][2], variant=f"FakeEmbed-{i}") for i in range(101)]
        else:
            entry["pending_results"] = [dict(benchmark="alpha-bench", reason="table not yet read") for _ in range(101)]
    the_one(problems_after(fake_root, many), field, "at most 100")
