"""Learning levels, the action plan's actions and their SMART elements, and learning with no action.

Actions come from action-plan tables (the column headed Action/Recommendation, with Owner,
Timescale and Measure columns read for the same row) or from list items and paragraphs of an
action-plan section.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from nlp.coverage.lexicon import lexicon
from nlp.coverage.practice import MAX_EVIDENCE
from nlp.passages import LabelledSentence
from nlp.sentences import block_location
from nlp.types import ActionCheck, Block, Presence, Review

LEVEL_ORDER = ("national", "region", "multi_agency", "pdu", "manager", "practitioner")
MIN_ACTION_WORDS = 4
MIN_SPECIFIC_WORDS = 5
MIN_SHARED_WORDS = 2
_EMPTY = re.compile(r"^\s*(?:-|–|n/?a|tbc|tba|none|ongoing)?\s*$", re.I)
_HEADERS = {
    "action": re.compile(r"action|recommendation|what will|what (?:we|you) will do|^\s*response\s*$|learning point|"
                         r"activity", re.I),
    "owner": re.compile(r"owner|lead|responsib|who|accountable", re.I),
    "deadline": re.compile(r"^\s*by\s*$|timescale|deadline|date|by when|target|when|due|"
                           r"^\s*complet(?:e|ed|ion)(?: by)?\s*$", re.I),
    "measure": re.compile(r"measure|success|outcome|evidence|impact|how will|how (?:we|you) will|will know|assur|"
                          r"^\s*checks?\s*$", re.I),
    "level": re.compile(r"(?:(?:learning|action|organisational|system) )?level(?: of (?:learning|action|change))?",
                        re.I),
    "status": re.compile(r"status|progress|\bRAG\b", re.I),
}
_STOP = frozenset("the a an and or of to in for on at by with from that this be is are was were will all each "
                  "their its it as have has had not no should must need needs into within about".split())


@dataclass
class _Row:
    action: Block
    cells: dict[str, str]
    heading: str = ""  # the title of the action-plan (sub-)section the row sits under
    detail: str = ""  # lettered sub-points under a labelled action paragraph ("(a) ...")


_ACTION_LABEL = re.compile(r"^\s*(?:actions?|recommendations?|rec\.?)\s*\d+[a-z]?\s*[-–—:.)]\s*\S", re.I)
_NUMBERED = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})+\.?\s+\S")
_NUMBER_PREFIX = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*\.?\s+")
_SUB_POINT = re.compile(r"^\s*\(?(?:[a-h]|i{1,3}|iv|v)\)\s+\S")
_ACTION_TITLE = re.compile(r"\b(?:actions?|recommendations?|improvement plan)\b", re.I)
_NOT_PLAN_PARTS = frozenset({"glossary", "victim_summary", "chronology", "introduction", "case_summary"})
_NOT_ACTION_KINDS = frozenset({"analysis_of_practice", "chronology", "case_summary", "victim_summary", "introduction"})


def _names_level(title: str) -> bool:
    cues = lexicon()["action_levels"]
    return any(cues[f"named_{level}"].search(title) for level in LEVEL_ORDER)


def action_sections(review: Review) -> dict[str, bool]:
    """Sections that hold the action plan, each with whether it is a pure action plan (False: a combined
    "Learning and action plan" or a "Recommendations" section, whose paragraphs are learning). A sub-section of
    an action plan headed by a level ("### Region", "### Partnership", "### Actions for the PDU") belongs to it, and
    any sub-section of a pure action plan ("### Risk assessment" as a theme) but a glossary or summary."""
    out: dict[str, bool] = {}
    parent: tuple[int, bool] | None = None
    for s in review.sections:
        names_level = bool(_level(s.title) or _names_level(s.title))
        if parent is not None and s.level > parent[0] and (
                (parent[1] and s.kind not in _NOT_PLAN_PARTS)  # "### Risk assessment" under a pure plan: a theme
                or (s.kind in ("other", "learning", "action_plan") and (_ACTION_TITLE.search(s.title) or names_level))):
            out[s.id] = parent[1] and (s.kind != "learning" or names_level)  # "### Learning for partners" too
            continue
        parent = None
        if s.kind == "action_plan" or (_ACTION_TITLE.search(s.title) and s.kind not in _NOT_ACTION_KINDS):
            out[s.id] = s.kind == "action_plan"
            parent = (s.level, out[s.id])
    return out


ROLE_PRIORITY = ("owner", "deadline", "measure", "level", "status", "action")
# A header that names only the action, whatever its brackets add: "Action (owner, date)", "Action(s)", "Action taken".
_ACTION_HEADER = re.compile(r"(?:agreed |smart |recommended |specific )?(?:actions?|recommendations?)"
                            r"(?: (?:already )?taken| required| agreed)?", re.I)
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_ACTION_COLUMNS = (re.compile(r"(?:agreed |smart |recommended )?recommendations?\b", re.I),
                   re.compile(r"(?:agreed |smart |recommended )?actions?\b", re.I))


def _action_rank(header: str) -> int:
    """2 for an "Action" column, 1 for "Recommendation", 0 for "Learning point" or "Activity"."""
    return max((rank for rank, pattern in enumerate(_ACTION_COLUMNS, 1) if pattern.match(header.strip())), default=0)


def column_roles(headers: dict[int, str]) -> dict[str, int]:
    """Which column holds the action, owner, deadline, measure and level ("Action owner" is the owner)."""
    roles: dict[str, int] = {}
    for col, text in sorted(headers.items()):
        role = "action" if _ACTION_HEADER.fullmatch(_PARENTHESES.sub("", text).strip(" :")) else next(
            (r for r in ROLE_PRIORITY
             if _HEADERS[r].search(text) and (r != "level" or _HEADERS[r].fullmatch(text.strip()))), None)
        if role == "action" and "action" in roles and _action_rank(text) > _action_rank(headers[roles["action"]]):
            roles["action"] = col  # "Learning point | Recommendation | Action": the Action column wins
        elif role is not None:
            roles.setdefault(role, col)
    return roles


def _table_rows(review: Review, sections: dict[str, bool]) -> list[_Row]:
    """Rows of tables with an action column: in the action plan, in a learning section when the table also has an
    owner or deadline column, anywhere when it has both."""
    kinds = {s.id: s.kind for s in review.sections}
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
        section = row[roles["action"]].section
        smart_columns = {"owner", "deadline"} & roles.keys()
        if section in sections or (kinds.get(section) == "learning" and smart_columns) or len(smart_columns) == 2:
            rows.append(_Row(row[roles["action"]],
                             {role: row[col].text for role, col in roles.items() if col in row}))
    return rows


def _plan_monitoring(text: str) -> bool:
    """A closing line that only says how the plan as a whole will be monitored is not an action (numbered or not)."""
    return bool(lexicon()["actions"]["plan_monitoring"].search(_NUMBER_PREFIX.sub("", text)))


_LEARNING_INTRO = re.compile(r"\b(?:learning|lessons?)\b", re.I)
_ACTION_INTRO = re.compile(r"\bactions?\b", re.I)
_BULLET = re.compile(r"^\s*(?:[-•*–]|\d+[.)])\s*")
_INTRODUCES = re.compile(r":\s*$|\b(?:following|below)\b", re.I)  # a paragraph that introduces the list after it


def _learning_lists(review: Review, sections: dict[str, bool]) -> set[int]:
    """List items of a combined learning-and-action section introduced as learning ("The following learning has
    been identified:"), not as actions: learning points, not actions."""
    out: set[int] = set()
    intro = ""
    for b in review.blocks:
        if b.section not in sections or sections[b.section] or b.cell is not None:
            intro = ""
            continue
        if b.kind == "paragraph":
            intro = b.text
        elif (b.kind == "list_item" and _INTRODUCES.search(intro) and _LEARNING_INTRO.search(intro)
              and not _ACTION_INTRO.search(intro) and not _ACTION_INTRO.match(_BULLET.sub("", b.text))):
            out.add(b.index)
    return out


_DASH = re.compile(r"\s+[–—-]\s+|\s+/\s+")
MAX_FIELD_WORDS = 6


def dash_fields(text: str) -> tuple[str, dict[str, str]]:
    """"Refresh the checks guidance – HoPDU – Jun 25": the action, then its owner and date after dashes or slashes.
    A trailing part counts only when short and read as a date, a timescale word ("ongoing") or a role."""
    parts = _DASH.split(text.strip().rstrip("."))
    fields: dict[str, str] = {}
    actions, levels = lexicon()["actions"], lexicon()["action_levels"]
    while len(parts) > 1 and len(parts[-1].split()) <= MAX_FIELD_WORDS:
        part = parts[-1]
        if "deadline" not in fields and (actions["deadline"].search(part) or actions["deadline_timescale"].search(part)
                                         or _EMPTY.match(part)):
            fields["deadline"] = part
        elif "owner" not in fields and (actions["owner"].search(part) or owner_level(part) is not None
                                        or levels["partner"].search(part)):
            fields["owner"] = part
        else:
            break
        parts.pop()
    return (" – ".join(parts), fields) if fields and len(parts[0].split()) >= MIN_ACTION_WORDS else (text, {})


def _labelled(block: Block, pure: bool) -> bool:
    """A paragraph labelled as an action ("Action 3 –", "Recommendation 2:") anywhere in the plan, or numbered
    ("9.3 The Head of PDU will ...") in a pure action plan, whose numbered paragraphs are its actions."""
    return block.kind == "paragraph" and bool(_ACTION_LABEL.match(block.text) or (pure and _NUMBERED.match(block.text)))


def _with_sub_points(review: Review, found: list[_Row]) -> None:
    """Lettered sub-points ("(a) ...", "b)") after a labelled action paragraph belong to that action."""
    by_index = {r.action.index: r for r in found}
    current: _Row | None = None
    for b in review.blocks:
        if b.index in by_index:
            current = by_index[b.index] if _labelled(b, True) else None
        elif current is not None and b.kind in ("paragraph", "list_item") and _SUB_POINT.match(b.text):
            current.detail = f"{current.detail} {b.text}".strip()
        elif b.kind != "heading":
            current = None


def extract_actions(review: Review) -> list[_Row]:
    """Table rows; then list items of the action plan outside tables (and, with no table, its paragraphs); and
    paragraphs labelled as actions ("Action 3 –"), with their lettered sub-points. In a combined learning and action
    section only table rows, list items and labelled paragraphs count: its other paragraphs are learning."""
    sections = action_sections(review)
    rows = _table_rows(review, sections)
    learning_lists = _learning_lists(review, sections)
    texts = [b for b in review.blocks if b.section in sections and b.cell is None
             and (b.kind == "list_item" or (b.kind == "paragraph" and sections[b.section] and not rows)
                  or _labelled(b, sections[b.section]))
             and len(b.text.split()) >= MIN_ACTION_WORDS and b.index not in learning_lists
             and not _SUB_POINT.match(b.text)]
    if rows:  # beside a table, only a pure action plan's list items and labelled paragraphs are actions
        texts = [b for b in texts if sections[b.section] or _labelled(b, False)]
    found = rows + [_Row(b, dash_fields(b.text)[1]) for b in texts]
    _with_sub_points(review, found)
    found.sort(key=lambda r: r.action.index)
    titles = {s.id: s.title for s in review.sections}
    for r in found:
        r.heading = titles.get(r.action.section, "")
    return [r for r in found if not _plan_monitoring(r.action.text)]


def _level(text: str) -> str | None:
    cues = lexicon()["levels"]
    return next((level for level in LEVEL_ORDER if cues[level].search(text)), None)


_LABEL = re.compile(r"^\s*([A-Za-z][\w'’-]*(?: [A-Za-z][\w'’-]*){0,3})\s*:\s+")  # "Region:", "Multi-agency:"
_PURPOSE = re.compile(r",?\s+(?:so that|so as to|in order to)\s+", re.I)
_CLAUSES = re.compile(r"(?<=[.;])\s+|,\s+and\s+")
HIGH_LEVELS = frozenset({"pdu", "region", "national", "multi_agency"})


def named_level(text: str) -> str | None:
    """The level a level column, a leading label ("Region:") or a sub-heading ("Regional actions") names; None when
    it names none or more than one ("Practitioner and manager")."""
    cues = lexicon()["action_levels"]
    named = [level for level in LEVEL_ORDER if cues[f"named_{level}"].search(text)]
    return named[0] if len(named) == 1 else None


def owner_level(owner: str) -> str | None:
    """The level of the owner's role: multi-agency when a partner agency owns it or shares it; otherwise the role
    before the first comma ("SPO, Castlebridge PDU" is an SPO), read from the most senior level down."""
    cues = lexicon()["action_levels"]
    if cues["partner"].search(owner):
        return "multi_agency"
    for part in (owner.split(",")[0], owner):
        found = next((lv for lv in LEVEL_ORDER
                      if lv != "multi_agency" and cues[f"owner_{lv}"].search(part.strip())), None)
        if found:
            return found
    return None


def _split_inline_fields(text: str) -> tuple[str, str]:
    """The action before its first inline "Owner:"/"Date:"/"Measure:" field, and the fields from there on."""
    first = next((m for m in lexicon()["action_levels"]["inline_field"].finditer(text) if m.start() > 0), None)
    return (text[:first.start()], text[first.start():]) if first else (text, "")


def level_text(text: str) -> tuple[str, str, str]:
    """Split an action's text into its leading label, the part that says what changes, and an inline owner: the text
    stops at an inline "Owner:"/"Date:"/"Measure:" field, drops later clauses that state a measure, and drops its
    reporting route ("monitored by the regional board")."""
    cues = lexicon()["action_levels"]
    label = ""
    if (m := _LABEL.match(text)) and not cues["inline_field"].fullmatch(m.group(0).strip()):
        label, text = m.group(1), text[m.end():]
    owner = ""
    text, rest = _split_inline_fields(text)
    if (o := re.match(r"\s*(?:owners?|leads?)\s*:\s*([^.;]*)", rest, re.I)):
        owner = o.group(1)
    measure = lexicon()["actions"]
    parts = _CLAUSES.split(text)
    text = " ".join([parts[0], *(p for p in parts[1:] if not (measure["measure"].search(p)
                                                           or measure["measure_marker"].search(p)))])
    for m in reversed(list(cues["not_level"].finditer(text))):
        if m.start() > 0:
            text = text[:m.start()] + text[m.end():]
    return label, text, owner


def level_decision(text: str, cells: dict[str, str], heading: str = "") -> tuple[str, str]:
    """The level whose practice or system the action changes (COVERAGE_GUIDE: "not the owner"), with the rule
    that decided it. A level column or label decides; then one practitioner acting, or a reminder, is frontline;
    then work with a partner agency, national or regional change named in the text, a partner agency as owner, the
    sub-heading; then a manager oversight tool, the PDU and its systems; a document, requirement or resource set at
    PDU level or above takes the owner's level; training or a whole-workforce change owned by the region or
    nationally is at that level, and one owned by the PDU is PDU-wide; then frontline practice, training not run by
    the PDU or above, a manager named, the owner's level, and frontline practice when nothing says otherwise."""
    cues = lexicon()["action_levels"]
    label, core, inline_owner = level_text(text)
    owner = owner_level(cells.get("owner", "") or inline_owner)
    for rule, named in (("column", cells.get("level", "")), ("label", label)):
        if (level := named_level(named)) is not None:
            return level, rule
    if cues["practitioner_subject"].search(core):
        return "practitioner", "practitioner acts"
    if cues["multi_agency"].search(core):
        return "multi_agency", "partner work"
    if cues["national"].search(core):
        return "national", "text"
    if cues["region"].search(cues["regional_provision"].sub("", core)):
        return "region", "text"
    if owner == "multi_agency":
        return owner, "partner owner"
    if (level := named_level(heading)) is not None:
        return level, "heading"
    if cues["manager"].search(core):
        return "manager", "oversight tool"
    if cues["pdu"].search(core):
        return "pdu", "text"
    if owner in HIGH_LEVELS and cues["system"].search(core):
        return owner, "owner's document or requirement"
    if owner in ("region", "national") and (cues["workforce"].search(core) or cues["training"].search(core)):
        return owner, "training or workforce change owned above the PDU"
    if owner in HIGH_LEVELS and cues["workforce"].search(core):
        return "pdu", "whole workforce"
    if cues["practitioner"].search(core):
        return "practitioner", "text"
    if owner not in HIGH_LEVELS and cues["training"].search(core):
        return "practitioner", "training"
    if cues["manager_role"].search(core):
        return "manager", "text"
    return (owner, "owner") if owner else ("practitioner", "default")


def action_level(text: str, cells: dict[str, str], heading: str = "") -> str:
    return level_decision(text, cells, heading)[0]


def measure_clause(cell: str, text: str) -> str:
    """The part of a row that states its measure: the measure column, and the action text from a measure marker on."""
    marker = lexicon()["actions"]["measure_marker"].search(text)
    return " ".join(part for part in (cell, text[marker.start():] if marker else "") if part)


def _has_measure(cell: str, text: str) -> bool:
    """A measure of success: a strong cue anywhere in the row, or a figure or a scope ("all cases") that is not
    just attendance or training done; a scope counts only in the measure itself, not as the action's own scope."""
    cues = lexicon()["actions"]
    row = f"{cell} {text}"
    if cues["measure"].search(row):
        return True
    if cues["not_measure"].search(row):
        return False
    return bool(cues["measure_target"].search(row) or cues["measure_scope"].search(measure_clause(cell, text)))


def without_fields(text: str) -> str:
    """The action without its inline "Owner:"/"By:"/"Measure:" fields or its owner and date after dashes."""
    return dash_fields(_split_inline_fields(text)[0])[0]


def _specific(text: str) -> bool:
    """Long enough without its inline fields, and no vague verb in its main clause (a purpose clause, "so that
    every case is discussed", does not make it vague)."""
    action = without_fields(text)
    vague = lexicon()["actions"]["vague"]
    main = _PURPOSE.split(action, maxsplit=1)[0]
    return len(action.split()) >= MIN_SPECIFIC_WORDS and not vague.search(main) \
        and not lexicon()["actions"]["vague_start"].search(main)


class MeasureJudge(Protocol):
    """A second opinion on the measure of success where the cues find none (nlp.measure_model)."""

    def finds_measure(self, measure_cell: str, action: str, detail: str = "") -> bool: ...


def check_action(row: _Row, judge: MeasureJudge | None = None) -> ActionCheck:
    cues = lexicon()["actions"]
    text = f"{row.action.text} {row.detail}".strip()
    owner_cell, deadline_cell, measure_cell, status_cell = (row.cells.get(k, "") for k in
                                                            ("owner", "deadline", "measure", "status"))
    return ActionCheck(
        text=row.action.text, location=block_location(row.action, 0, len(row.action.text)),
        specific=_specific(text),
        owner=(bool(owner_cell) and not _EMPTY.match(owner_cell)) or bool(cues["owner"].search(text)),
        deadline=bool(cues["deadline"].search(deadline_cell or text) or cues["deadline"].search(status_cell)
                      or cues["deadline_timescale"].search(deadline_cell)),
        measure=_has_measure(measure_cell, text)
        or (judge is not None and judge.finds_measure(measure_cell, row.action.text, row.detail)),
        level=action_level(text, row.cells, row.heading),
    )


OWNER_CELL_WORDS = 4


def _learning_sections(review: Review) -> set[str]:
    return {s.id for s in review.sections if s.kind in ("learning", "action_plan")}


_SENTENCE_END = re.compile(r"(?<=[.;])\s+")


def _not_by_one_practitioner(text: str) -> str:
    """The text without sentences in which one practitioner acts or staff are reminded or made aware: "The PP
    should share it with the police" is practitioner learning, not learning for the partnership."""
    subject = lexicon()["action_levels"]["practitioner_subject"]
    return " ".join(s for s in _SENTENCE_END.split(text) if not subject.search(s))


def learning_levels(review: Review) -> dict[str, Presence]:
    sections = _learning_sections(review)
    blocks = [b for b in review.blocks if b.section in sections and b.kind != "heading"]
    out = {}
    partner_work = lexicon()["action_levels"]["multi_agency"]
    manager_as_owner = lexicon()["actions"]["manager_as_owner"]
    for level, cue in lexicon()["levels"].items():
        if level == "manager":  # an SPO who owns or oversees practitioner learning is not learning for managers
            found = [b for b in blocks if cue.search(manager_as_owner.sub("", b.text))
                     and not (b.cell is not None and len(b.text.split()) <= OWNER_CELL_WORDS)]
        elif level == "multi_agency":
            found = [b for b in blocks if (text := _not_by_one_practitioner(b.text))
                     and (cue.search(text) or partner_work.search(text))]
        else:
            found = [b for b in blocks if cue.search(b.text)]
        out[level] = Presence(present=bool(found),
                              evidence=tuple(block_location(b, 0, len(b.text)) for b in found[:MAX_EVIDENCE]))
    return out


def action_taken(sentences: Sequence[LabelledSentence], review: Review) -> Presence:
    """Sentences of the learning and action plan sections reporting action already taken since the offence."""
    sections = _learning_sections(review)
    cue = lexicon()["actions"]["taken"]
    found = [s for s in sentences if s.block.section in sections and cue.search(s.sentence.text.strip())]
    return Presence(present=bool(found), evidence=tuple(block_location(s.block, s.sentence.start, s.sentence.end)
                                                        for s in found[:MAX_EVIDENCE]))


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
