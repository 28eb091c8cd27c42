"""The action-plan set (`corpus/action_plans`): gold plans by further writers, read as a user's upload would be."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.corpus.render import Layout, render_docx
from app.corpus.source import parse_source
from app.ingest import read_bytes
from nlp.types import Review


def plan_review(source: str, name: str) -> Review:
    """A plan's Markdown source rendered to DOCX the way the corpus is, then read back."""
    return read_bytes(render_docx(parse_source(source), Layout()), name)


def split_writers(corpus: Path, split: str) -> set[str]:
    """The writers of one split of `action_plans/splits.json` ("all": every writer)."""
    splits = json.loads((corpus / "action_plans" / "splits.json").read_text(encoding="utf-8"))
    return set(splits[split]) if split != "all" else {w for ws in splits.values() if isinstance(ws, list) for w in ws}


def plans(corpus: Path, writers: set[str]) -> list[tuple[dict[str, Any], Review]]:
    """Each plan by one of `writers`, with its gold."""
    out = []
    for gold_path in sorted((corpus / "action_plans").glob("ap*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if gold["writer"] in writers:
            out.append((gold, plan_review(gold_path.with_suffix(".md").read_text(encoding="utf-8"),
                                          f"{gold['id']}.docx")))
    return out
