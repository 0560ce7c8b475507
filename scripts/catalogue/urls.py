"""Offline checks of the URLs in an entry, so a pull request gets them without the internet.

Each function returns a list of messages (empty when the URL is fine); validate.py attaches
the file and field.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .escape import URL_KEEPS

ARXIV_ID = re.compile(r"\d{4}\.\d{4,5}")  # used with fullmatch, as every pattern here
_GITHUB_REPO = re.compile(r"/[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9._-]+/?")
# Plain ASCII host names only: user info (https://arxiv.org@evil.example/) and look-alike letters
# (Cyrillic "а" in arxiv, or its xn-- spelling) would show readers one host and take them to another.
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
_ARXIV_HOSTS = {"arxiv.org", "www.arxiv.org", "export.arxiv.org"}


def url_problems(url: str) -> list[str]:
    """Shape checks every link must pass: https, a host, nothing that breaks Markdown."""
    if any(c.isspace() for c in url):
        return ["contains a space; remove it or encode it as %20"]
    if "((" in url or "))" in url or "[[" in url or "]]" in url or url.startswith(("(", "[", "<")):
        return ["has doubled or wrapping brackets; paste the bare URL"]
    if any(c in url for c in '<>"`\\'):
        return ["contains a character (<, >, \", ` or \\) that has no place in a URL"]
    if len(url) > 500:
        return [f"is {len(url):,} characters long; give the page's plain address"]
    if not url.isascii():
        return ["contains non-ASCII characters (look-alike letters?); type the address in plain ASCII"]
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return ["is not a valid URL"]
    if parts.scheme != "https":
        return [f"must start with https:// (found {parts.scheme + ':' if parts.scheme else 'no scheme'})"]
    if any(c in url for c in "()[]|"):  # each ends a Markdown link or a table cell where the URL is written
        return ["contains ( ) [ ] or |; percent-encode them as %28 %29 %5B %5D %7C, or paste the plain address"]
    if any(ord(c) < 32 or ord(c) == 127 for c in url):
        return ["contains a control character; retype the address"]
    # Whatever else a Markdown link would have to percent-encode (escape.md_url) is refused too,
    # so every link is published, and read back from the awesome list, exactly as written.
    unsafe = sorted(set(URL_KEEPS.sub("", url)))
    if unsafe:
        return [f"contains {' '.join(unsafe)}, which must be percent-encoded (a lone % as %25); paste the address as the browser shows it"]
    if "@" in parts.netloc:
        return ["has user info before an @ in the host part; give the plain address (https://host/...)"]
    if port is not None:
        return ["names a port; give the address without :port"]
    host = parts.hostname or ""
    if not _HOST.fullmatch(host) or any(label.startswith("xn--") for label in host.split(".")):
        return ["has no valid host name (plain ASCII letters, digits and hyphens only)"]
    return []


def arxiv_abs(arxiv_id: str) -> str:
    return f"https://arxiv.org/abs/{arxiv_id}"


def hugging_face_papers(arxiv_id: str) -> str:
    """The paper's page on Hugging Face Papers: discussion, and the models and datasets that cite it."""
    return f"https://huggingface.co/papers/{arxiv_id}"


def semantic_scholar(arxiv_id: str) -> str:
    """Semantic Scholar's page for an arXiv paper (it redirects to the paper's record): citations."""
    return f"https://www.semanticscholar.org/arxiv/{arxiv_id}"


def arxiv_pdf(arxiv_id: str) -> str:
    return f"https://arxiv.org/pdf/{arxiv_id}"


def arxiv_id_in(url: str) -> str | None:
    """The arXiv id an arxiv.org URL points at, with any version suffix removed."""
    parts = urlsplit(url)
    if parts.hostname not in _ARXIV_HOSTS:
        return None
    match = re.fullmatch(r"/(?:abs|pdf|html)/(\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?/?", parts.path)
    return match.group(1) if match else None


def paper_link_problems(url: str, arxiv_id: str | None) -> list[str]:
    """links.paper must be the canonical landing page, never a PDF or a code repository."""
    found = arxiv_id_in(url)
    if arxiv_id and url != arxiv_abs(arxiv_id):
        return [f"must be the canonical abstract page {arxiv_abs(arxiv_id)} (put PDF links in links.pdf)"]
    if found and url != arxiv_abs(found):
        return [f"must be the canonical abstract page {arxiv_abs(found)}, without version or .pdf"]
    if found and not arxiv_id:
        return [f"points at arXiv {found}: also set arxiv: \"{found}\""]
    if urlsplit(url).hostname in {"github.com", "www.github.com"}:
        return ["points at GitHub; the paper link must be the paper's page (put repositories in links.code)"]
    if urlsplit(url).path.lower().endswith(".pdf"):
        return ["is a PDF; use the paper's landing page here and put the PDF in links.pdf"]
    return []


def code_link_problems(url: str, paper_url: str | None) -> list[str]:
    if paper_url and url.rstrip("/") == paper_url.rstrip("/"):
        return ["is the same as links.paper; give the code repository, or leave links.code out"]
    parts = urlsplit(url)
    if parts.hostname in {"github.com", "www.github.com"}:
        if parts.query or parts.fragment or not _GITHUB_REPO.fullmatch(parts.path):
            return ["must be a GitHub repository root like https://github.com/<owner>/<repo>"]
    return []
