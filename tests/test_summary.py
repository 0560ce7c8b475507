"""Contributor Markdown: a corpus of hostile summaries is refused, a normal one accepted."""

import pytest

from catalogue.summary import _placement_problems, summary_problems

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
    # Found by an independent test of hostile entries (issue 10):
    "unclosed-fence": "Text.\n\n```\nleft open",
    "option-with-leading-space": "```{note}\n :class: tip\n[r]: ../../../../proc/self/environ\n\n[text][r]\n```",
    "reference-definition": "See [the paper][r].\n\n[r]: https://arxiv.org/abs/2410.05160",
    "reference-to-local-file": "See [env][r].\n\n[r]: ../../../../proc/self/environ",
    "http-link": "[paper](http://arxiv.org/abs/2410.05160)",
    "remote-image": "![pixel](https://tracker.example.org/pixel.png)",
    "math-href": "$\\href{javascript:alert(1)}{click}$",
    "math-style": "$\\style{position:fixed;top:0;left:0;width:100%;height:100%}{x}$",
    "math-role-href": "{math}`\\href{javascript:alert(1)}{x}`",
    "math-block-class": "$$\n\\class{x}{y}\n$$",
    "pygments-backtracking": "```scala\n\"" + "\\" * 60 + "\n```",
    "indented-code": "Text.\n\n    code block",
    "userinfo-link": "[paper](https://arxiv.org@evil.example/abs/1)",
    "comment-line": "% a comment",
    "labelled-equation": "$$\nx\n$$ (eq1)",
    "abbr-role": "{abbr}`MMEB (Massive Multimodal Embedding Benchmark)`",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_summaries_are_refused(text):
    assert summary_problems(text), f"accepted: {text!r}"


@pytest.mark.parametrize(("case", "words"), [
    ("include", ["code blocks and directives"]), ("script-block", ["raw HTML"]), ("javascript-link", ["javascript:"]),
("reference-definition", ["reference definitions", "inline"]),
    ("http-link", ["https://"]), ("remote-image", ["images are not allowed"]), ("math-href", ["\\href"]),
    ("math-style", ["\\style"]), ("pygments-backtracking", ["code blocks"]), ("indented-code", ["indented"]),
])
def test_the_message_names_the_construct_and_the_fix(case, words):
    message = " ".join(summary_problems(HOSTILE[case]))
    assert all(word in message for word in words), message


def test_a_normal_summary_is_accepted():
    text = (
        "The paper trains an *embedder* on **Qwen2-VL-7B** and reports 70.1 on MMEB "
        "([leaderboard](https://huggingface.co/spaces/TIGER-Lab/MMEB)), with loss $\\mathcal{L}$:\n\n"
        "$$\n\\mathcal{L} = -\\log \\frac{e^{s^+}}{\\sum_j e^{s_j}}\n$$\n\n"
        "- first point\n- second `code`\n\n> a quote\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "H{sub}`2`O and x{sup}`2`, a ~~strike~~ and a line  \nbreak."
    )
    assert summary_problems(text) == []


@pytest.mark.parametrize("text", ["Text.\n\n```\nleft open", "Text.\n\n~~~~\nleft open\n```"])
def test_a_block_left_open_is_refused_where_the_page_puts_it(text):
    """Defence in depth behind the token walk (which refuses fences already): parsed in its place
    on the page, a summary must end before the heading that follows it."""
    assert "never closed" in " ".join(_placement_problems(text))
    assert _placement_problems("Text with `code` and $x$.") == []
