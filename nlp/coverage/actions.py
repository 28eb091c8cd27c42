"""Learning levels, the action plan's actions and their SMART elements, and learning with no action.

Actions come from action-plan tables (the column headed Action/Recommendation, with Owner,
Timescale and Measure columns read for the same row) or from list items and paragraphs of an
action-plan section.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from nlp.coverage.lexicon import lexicon
from nlp.coverage.practice import MAX_EVIDENCE
from nlp.passages import LabelledSentence
from nlp.sentences import block_location
from nlp.types import ActionCheck, Block, Presence, Review

LEVEL_ORDER = ("national", "region", "multi_agency", "pdu", "manager", "practitioner")
MIN_ACTION_WORDS = 4
MIN_SPECIFIC_WORDS = 6
MIN_SHARED_WORDS = 2
_EMPTY = re.compile(r"^\s*(?:-|–|n/?a|tbc|tba|none|ongoing)?\s*$", re.I)
_HEADERS = {
    "action": re.compile(r"action|recommendation|what will|learning point|activity", re.I),
    "owner": re.compile(r"owner|lead|responsib|who", re.I),
    "deadline": re.compile(r"^\s*by\s*$|timescale|deadline|date|by when|target|when|due", re.I),
    "measure": re.compile(r"measure|success|outcome|evidence|impact|how will", re.I),
    "level": re.compile(r"level", re.I),
}
_STOP = frozenset("the a an and or of to in for on at by with from that this be is are was were will all each "
                  "their its it as have has had not no should must need needs into within about".split())


@dataclass
class _Row:
    action: Block
    cells: dict[str, str]


def _action_sections(review: Review) -> set[str]:
    return {s.id for s in review.sections if s.kind == "action_plan"}


ROLE_PRIORITY = ("owner", "deadline", "measure", "level", "action")


def column_roles(headers: dict[int, str]) -> dict[str, int]:
    """Which column holds the action, owner, deadline, measure and level ("Action owner" is the owner)."""
    roles: dict[str, int] = {}
    for col, text in sorted(headers.items()):
        role = next((r for r in ROLE_PRIORITY if _HEADERS[r].search(text)
                     and (r != "level" or _HEADERS[r].fullmatch(text.strip()))), None)
        if role == "action" and "action" in roles and text.strip().lower().startswith("action"):
            roles["action"] = col  # "Learning point | Action": the Action column wins
        elif role is not None:
            roles.setdefault(role, col)
    return roles


def _table_rows(review: Review) -> list[_Row]:
    headers: dict[int, dict[int, str]] = {}
    cells: dict[tuple[int, int], dict[int, Block]] = {}
    for b in review.blocks:
        if b.cell is None:
            continue
        if b.cell.row == 0:
            headers.setdefault(b.cell.table, {})[b.cell.col] = b.text
        else:
            cells.setdefault((b.cell.table, b.cell.row), {})[b.cell.col] = b
    rows = []
    for (table, _), row in sorted(cells.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        roles = column_roles(headers.get(table, {}))
        if "action" not in roles or roles["action"] not in row:
            continue
        rows.append(_Row(row[roles["action"]], {role: row[col].text for role, col in roles.items() if col in row}))
    return rows


def extract_actions(review: Review) -> list[_Row]:
    sections = _action_sections(review)
    rows = [r for r in _table_rows(review) if r.action.section in sections or review.section(r.action.section)
            and "action" in (review.section(r.action.section).title.lower())]  # type: ignore[union-attr]
    if rows:
        return rows
    return [_Row(b, {}) for b in review.blocks if b.section in sections and b.cell is None
            and b.kind in ("list_item", "paragraph") and len(b.text.split()) >= MIN_ACTION_WORDS]


def _level(text: str) -> str | None:
    cues = lexicon()["levels"]
    return next((level for level in LEVEL_ORDER if cues[level].search(text)), None)


def _has_measure(cell: str, text: str) -> bool:
    """A measure of success: a strong cue, or a figure that is not just attendance or training done."""
    cues = lexicon()["actions"]
    row = f"{cell} {text}"
    if cues["measure"].search(row):
        return True
    return bool(cues["measure_weak"].search(row)) and not cues["not_measure"].search(row)


def check_action(row: _Row) -> ActionCheck:
    cues = lexicon()["actions"]
    text = row.action.text
    whole = " ".join([text, *row.cells.values()])
    owner_cell, deadline_cell, measure_cell = (row.cells.get(k, "") for k in ("owner", "deadline", "measure"))
    return ActionCheck(
        text=text, location=block_location(row.action, 0, len(text)),
        specific=len(text.split()) >= MIN_SPECIFIC_WORDS and not cues["vague"].search(text),
        owner=(bool(owner_cell) and not _EMPTY.match(owner_cell)) or bool(cues["owner"].search(text)),
        deadline=bool(cues["deadline"].search(deadline_cell or text)),
        measure=_has_measure(measure_cell, text),
        level=_level(row.cells.get("level", "")) or _level(text) or _level(owner_cell) or _level(whole),
    )


def learning_levels(review: Review) -> dict[str, Presence]:
    sections = {s.id for s in review.sections if s.kind in ("learning", "action_plan")}
    blocks = [b for b in review.blocks if b.section in sections and b.kind != "heading"]
    out = {}
    for level, cue in lexicon()["levels"].items():
        found = [b for b in blocks if cue.search(b.text)]
        out[level] = Presence(present=bool(found),
                              evidence=tuple(block_location(b, 0, len(b.text)) for b in found[:MAX_EVIDENCE]))
    return out


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _STOP}


def learning_without_action(sentences: Sequence[LabelledSentence], review: Review,
                            actions: Sequence[ActionCheck]) -> list[LabelledSentence]:
    """Analytical learning sentences that share fewer than two content words with every action."""
    kinds = {s.id: s.kind for s in review.sections}
    action_words = [_content_words(a.text) for a in actions]
    points = [s for s in sentences if kinds[s.block.section] == "learning" and s.label == "analytical"
              and s.block.cell is None]
    return [s for s in points
            if not any(len(_content_words(s.sentence.text) & words) >= MIN_SHARED_WORDS for words in action_words)]
