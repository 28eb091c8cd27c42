"""Validate corpus review sources (corpus/src/<id>.md + <id>.meta.json).

Usage: python -m app.corpus.check_source corpus/src/r01.md [more.md ...]

Standard library only, so corpus writers can run it before anything is installed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

MARKER = re.compile(r"\[(D|A)\]\s*")
LEVELS = ("Outstanding", "Good", "Requires improvement", "Inadequate")
STANDARDS = ("analysis_of_practice", "overall_judgements", "learning", "victims_and_families", "composite")
HOWS = ("inline-first-use", "inline-later", "glossary", "never")
MIN_WORDS, MAX_WORDS = 1500, 4000


def blocks(md: str) -> list[str]:
    """Return text blocks (paragraphs, list items, table cells) with markers removed."""
    out: list[str] = []
    for raw in re.split(r"\n\s*\n", md):
        for line in raw.splitlines():
            line = line.strip()
            if not line or re.fullmatch(r"\|?[\s:|-]+\|?", line):
                continue
            if line.startswith("|"):
                out.extend(MARKER.sub("", c).strip() for c in line.strip("|").split("|"))
            else:
                line = re.sub(r"^(#+|-|\*|\d+\.)\s+", "", line)
                out.append(MARKER.sub("", line).strip())
    return out


def check(md_path: Path) -> list[str]:
    errors: list[str] = []
    md = md_path.read_text(encoding="utf-8")
    meta_path = md_path.with_suffix(".meta.json")
    if not meta_path.exists():
        return [f"{meta_path} is missing"]
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    text_blocks = blocks(md)
    words = sum(len(b.split()) for b in text_blocks)
    if not MIN_WORDS <= words <= MAX_WORDS:
        errors.append(f"word count {words} outside {MIN_WORDS}-{MAX_WORDS}")
    for std in STANDARDS:
        if meta.get("ratings", {}).get(std) not in LEVELS:
            errors.append(f"ratings.{std} must be one of {LEVELS}")
        if std != "composite" and not meta.get("rationale", {}).get(std):
            errors.append(f"rationale.{std} is empty")

    def present(text: str, where: str) -> None:
        if not any(text in b for b in text_blocks):
            errors.append(f"{where}: {text!r} is not an exact substring of any paragraph/cell")

    for a in meta.get("acronyms", []):
        present(a["short"], "acronyms")
        if a.get("how") not in HOWS:
            errors.append(f"acronyms {a['short']}: how must be one of {HOWS}")
        if a.get("explained") != (a.get("how") != "never"):
            errors.append(f"acronyms {a['short']}: explained must be false exactly when how is 'never'")
    for i in meta.get("identifiers", []):
        present(i["text"], f"identifiers ({i.get('kind')})")
    for t in meta.get("insensitive", []):
        present(t, "insensitive")
    for t in meta.get("must_not_flag", []):
        present(t, "must_not_flag")
    sentences = MARKER.findall(md)
    n_a = sentences.count("A")
    if len(sentences) < 60:
        errors.append(f"only {len(sentences)} marked sentences: mark every body sentence with [D] or [A]")
    sys.stdout.write(f"{md_path.name}: {words} words, {len(sentences)} sentences ({n_a} analytical)\n")
    return errors


def main(argv: list[str]) -> int:
    bad = 0
    for p in argv:
        for e in check(Path(p)):
            bad += 1
            sys.stdout.write(f"  ERROR {p}: {e}\n")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
