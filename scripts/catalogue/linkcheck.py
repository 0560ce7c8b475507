"""Link health: Sphinx's linkcheck settings for the hosts we link to, and a per-paper report.

    python -m catalogue.linkcheck [OUTDIR]   # run sphinx-build -b linkcheck, then report

The report groups problems by paper and names the data file to fix. Only real breakage
(404s, DNS failures, missing anchors) makes the exit status non-zero; rate limits, timeouts,
503s and redirects are listed but left for a human to judge.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

# Passed to Sphinx by docs/conf.py; every value says why.
SETTINGS = {
    "linkcheck_workers": 3,  # few parallel requests: arXiv, GitHub and Hugging Face rate-limit bursts
    "linkcheck_timeout": 20,  # CVF open access and ACL Anthology are slow static hosts
    "linkcheck_retries": 2,
    "linkcheck_report_timeouts_as_broken": True,  # only 'broken' results are retried; the report re-labels them
    "linkcheck_rate_limit_timeout": 60.0,  # a 429 without Retry-After waits up to 300 s per host by default
    "linkcheck_anchors_ignore_for_url": [r"https://github\.com/.*"],  # GitHub makes README anchors in JavaScript
    "linkcheck_allowed_redirects": {
        r"https://arxiv\.org/(abs|pdf)/.*": r"https://arxiv\.org/(abs|pdf)/.*",  # abs/ID -> abs/IDvN
        r"https://huggingface\.co/.*": r"https://huggingface\.co/.*",  # renamed orgs keep working
        r"https://github\.com/.*": r"https://github\.com/.*",  # moved repositories redirect
    },
    # Made from a validated arXiv id on every paper page (urls.py): checking them would double the
    # requests and report nothing the arXiv link does not.
    "linkcheck_ignore": [r"https://huggingface\.co/papers/", r"https://www\.semanticscholar\.org/arxiv/"],
    "user_agent": "universal-multimodal-embedding-papers linkcheck (a weekly, polite documentation link check)",
}

PROBLEM_STATES = ("broken", "timeout", "rate-limited", "redirected", "unavailable")


def classify(record: dict) -> str | None:
    """Our label for one line of Sphinx's output.json, or None when the link is fine."""
    status, info = record.get("status"), str(record.get("info", ""))
    if status == "broken" and re.search(r"(?i)timed? ?out", info):
        return "timeout"
    if status in ("ignored", "broken") and re.search(r"(?i)\b503\b|service unavailable", info):
        return "unavailable"  # Sphinx files 503 under 'ignored'; a site that is down is not fine
    if status in ("broken", "timeout", "rate-limited"):
        return status
    if status == "redirected" and record.get("code") not in (None, 0):
        return "redirected"
    return None


def data_file(source: str) -> str:
    """The file a reader should edit to fix a link found in `source` (a docs-relative path)."""
    match = re.match(r"^papers/(?!years/|topics/|all\b)([a-z0-9-]+)\.md$", source)
    return f"data/papers/{match.group(1)}.yaml" if match else f"docs/{source}"


def report(output_json: Path) -> tuple[str, int]:
    """(report text, exit status) from Sphinx's JSON-lines output."""
    problems: dict[str, list[str]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    seen = set()
    for line in output_json.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        label = classify(record)
        key = (record.get("filename"), record.get("uri"))
        if label is None or key in seen:
            continue
        seen.add(key)
        counts[label] += 1
        detail = f" -> {record['info']}" if record.get("info") else ""
        problems[data_file(record.get("filename", "?"))].append(f"  {label}: {record.get('uri')}{detail}")
    lines = ["# Link check report", ""]
    if not problems:
        lines.append("Every link works.")
    for path in sorted(problems):
        lines += [f"{path}:", *sorted(problems[path]), ""]
    lines.append("Totals: " + (", ".join(f"{counts[s]} {s}" for s in PROBLEM_STATES if counts[s]) or "none"))
    return "\n".join(lines) + "\n", 1 if counts["broken"] else 0


def main(argv: list[str] | None = None) -> int:
    from sphinx.cmd.build import build_main

    args = sys.argv[1:] if argv is None else argv
    root = Path(__file__).resolve().parents[2]
    out = Path(args[0]) if args else root / "docs" / "_build" / "linkcheck"
    build_main(["-b", "linkcheck", "-q", "-d", str(root / "docs" / "_build" / "doctrees"), str(root / "docs"), str(out)])
    text, status = report(out / "output.json")
    (out / "report.md").write_text(text, encoding="utf-8")
    print(text)
    return status


if __name__ == "__main__":
    sys.exit(main())
