"""Build the corpus: corpus/src/*.md + *.meta.json -> corpus/reviews/*.docx (+ some PDFs) and gold files.

Run: python -m app.corpus.build [--src corpus/src] [--out corpus]
Deterministic: the same sources give the same text and gold (DOCX/PDF bytes carry timestamps).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.corpus.gold import Gold, GoldSentence
from app.corpus.render import Layout, render_docx, render_pdf
from app.corpus.source import Element, labelled_sentences, parse_source
from app.ingest import read_bytes
from nlp.sections import classify_heading

GOLD_KEYS = ("ratings", "rationale", "acronyms", "identifiers", "insensitive", "must_not_flag")
META_KEYS = ("writer", "region", "offence", "supervision", "layout")
ACTION_TABLE_WORDS = ("action", "owner", "timescale", "measure")


def _is_action_table(el: Element) -> bool:
    header = " ".join(el.rows[0]).lower() if el.rows else ""
    return sum(w in header for w in ACTION_TABLE_WORDS) >= 2


def gold_sentences(elements: list[Element]) -> list[GoldSentence]:
    """Labelled sentences, leaving out action plans: writers labelled actions inconsistently there."""
    out: list[GoldSentence] = []
    in_actions = False
    for el in elements:
        if el.kind == "heading":
            kind = classify_heading(el.text)[0]
            if el.level <= 1 or kind != "other":
                in_actions = kind == "action_plan"
        elif el.kind == "table" and not _is_action_table(el):
            out.extend(s for row in el.rows[1:] for cell in row for s in labelled_sentences(cell))
        elif el.kind in ("paragraph", "list_item") and not in_actions:
            out.extend(labelled_sentences(el.text))
    return out


def build_one(md_path: Path, out_dir: Path, pdf_dir: Path) -> list[str]:
    """Render one source; return problems (gold text not found in the rendered document)."""
    meta = json.loads(md_path.with_suffix(".meta.json").read_text(encoding="utf-8"))
    elements = parse_source(md_path.read_text(encoding="utf-8"))
    layout = Layout(headings=meta["layout"]["headings"], numbered_paragraphs=meta["layout"]["numbered_paragraphs"])
    doc_id = meta["id"]
    sentences = gold_sentences(elements)
    outputs = [(out_dir, f"{doc_id}.docx", render_docx(elements, layout))]
    if meta["layout"].get("pdf"):
        outputs.append((pdf_dir, f"{doc_id}.pdf", render_pdf(elements, layout)))
    problems = []
    coverage_path = md_path.parent.parent / "coverage" / f"{doc_id}.json"
    coverage = json.loads(coverage_path.read_text(encoding="utf-8")) if coverage_path.exists() else None
    for directory, name, data in outputs:
        gold = Gold(id=doc_id, file=name, sentences=tuple(sentences), coverage=coverage,
                    meta={k: meta[k] for k in META_KEYS if k in meta},
                    **{k: meta.get(k, [] if k not in ("ratings", "rationale") else {}) for k in GOLD_KEYS})
        directory.mkdir(parents=True, exist_ok=True)
        (directory / name).write_bytes(data)
        (directory / f"{doc_id}.json").write_text(gold.model_dump_json(indent=1) + "\n", encoding="utf-8")
        if name.endswith(".docx"):
            problems += [f"{name}: {t!r}" for t in missing_texts(gold, data, name)]
    return problems


def missing_texts(gold: Gold, data: bytes, name: str) -> list[str]:
    """Gold texts that are not an exact substring of any block of the document as the tool reads it."""
    blocks = [b.text for b in read_bytes(data, name).blocks]
    actions = [a["text"] for a in (gold.coverage or {}).get("actions", [])]
    hindsight = (gold.coverage or {}).get("judgements", {}).get("hindsight_wording", [])
    texts = [*(a.short for a in gold.acronyms), *(i.text for i in gold.identifiers), *gold.insensitive,
             *gold.must_not_flag, *(s.text for s in gold.sentences), *actions, *hindsight]
    return [t for t in texts if not any(t in b for b in blocks)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--src", type=Path, default=Path("corpus/src"))
    parser.add_argument("--out", type=Path, default=Path("corpus"))
    args = parser.parse_args(argv)
    problems: list[str] = []
    sources = sorted(args.src.glob("r*.md"))
    for md in sources:
        problems += build_one(md, args.out / "reviews", args.out / "reviews_pdf")
    for line in problems:
        sys.stderr.write(f"gold text not found: {line}\n")
    sys.stdout.write(f"built {len(sources)} drafts into {args.out}/reviews, {len(problems)} problems\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
