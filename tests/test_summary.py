"""Contributor Markdown: a corpus of hostile summaries is refused, a normal one accepted."""

import pytest

from catalogue.summary import summary_problems

HOSTILE = {
    "script-block": "<script>alert(1)</script>",
    "inline-html": "Hello <img src=x onerror=alert(1)> there",
    "raw-directive": "```{raw} html\n<script>alert(1)</script>\n```",
    "raw-file": "```{raw} html\n:file: /etc/passwd\n```",
    "raw-url": "```{raw} html\n:url: http://example.org/\n```",
    "eval-rst": "```{eval-rst}\n.. raw:: html\n\n   <b>x</b>\n```",
    "include": "```{include} ../secret.txt\n```",
    "literalinclude": "```{literalinclude} /etc/passwd\n```",
    "csv-table-file": "```{csv-table}\n:file: /etc/passwd\n```",
    "download-role": "Get {download}`this <../secret.txt>`.",
    "image-directive": "```{image} ../secret.png\n```",
    "image-relative": "![x](../secret.png)",
    "image-absolute-path": "![x](/etc/passwd)",
    "javascript-link": "[click](javascript:alert(1))",
    "relative-link": "[file](../../secret.txt)",
    "button-link": "```{button-link} javascript:alert(1)\nx\n```",
    "card-link": "```{card} x\n:link: javascript:alert(1)\n```",
    "nested-in-note": "```{note}\n```{include} ../secret.txt\n```\n```",
    "nested-deep": "````{note}\n```{warning}\n{download}`x <../s.txt>`\n```\n````",
    "bad-option-on-note": "```{note}\n:file: /etc/passwd\nx\n```",
    "heading": "# A heading\ntext",
    "target": "(label)=\ntext",
    "front-matter": "---\nmyst:\n  html_meta:\n    http-equiv=refresh: 0;url=https://evil.example\n---\ntext",
    "doc-role": "{doc}`../../secret`",
    "footnote": "text[^1]\n\n[^1]: note",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_summaries_are_refused(text):
    assert summary_problems(text), f"accepted: {text!r}"


def test_the_message_names_the_construct():
    assert "{include}" in summary_problems(HOSTILE["include"])[0]
    assert "raw HTML" in summary_problems(HOSTILE["script-block"])[0]
    assert "javascript:" in summary_problems(HOSTILE["javascript-link"])[0]


def test_a_normal_summary_is_accepted():
    text = (
        "The paper trains an *embedder* on **Qwen2-VL-7B** and reports 70.1 on MMEB "
        "([leaderboard](https://huggingface.co/spaces/TIGER-Lab/MMEB)), with loss $\\mathcal{L}$:\n\n"
        "$$\n\\mathcal{L} = -\\log p\n$$\n\n"
        "- first point\n- second `code`\n\n> a quote\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "```{note}\nScores come from Table 2.\n```\n\n"
        "```python\nprint('hi')\n```\n\n"
        "![figure](https://example.org/figure.png) H{sub}`2`O"
    )
    assert summary_problems(text) == []
