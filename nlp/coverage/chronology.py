"""Chronology checks: dates parsed, entries out of order, long gaps, and events the analysis cites
that the chronology lacks."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from nlp.types import Block, Review

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_NUMERIC = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})\b")
_WORDED = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.I)
DEFAULT_GAP_DAYS = 90


@dataclass(frozen=True)
class Dated:
    date: dt.date
    block: Block
    start: int
    end: int


def parse_dates(text: str) -> list[tuple[dt.date, int, int]]:
    out = []
    for m in _NUMERIC.finditer(text):
        day, month, year = (int(g) for g in m.groups())
        year += 2000 if year < 100 else 0
        try:
            out.append((dt.date(year, month, day), m.start(), m.end()))
        except ValueError:
            continue
    for m in _WORDED.finditer(text):
        try:
            out.append((dt.date(int(m.group(3)), MONTHS.index(m.group(2).lower()) + 1, int(m.group(1))),
                        m.start(), m.end()))
        except ValueError:
            continue
    return sorted(out, key=lambda d: d[1])


def chronology_entries(review: Review) -> list[Dated]:
    """The leading date of each chronology entry (a table row's first dated cell, or a dated paragraph)."""
    sections = {s.id for s in review.sections if s.kind == "chronology"}
    entries: list[Dated] = []
    seen_rows: set[tuple[int, int]] = set()
    for b in review.blocks:
        if b.section not in sections or b.kind == "heading":
            continue
        if b.cell is not None:
            if (b.cell.table, b.cell.row) in seen_rows:
                continue
        dates = parse_dates(b.text)
        if dates and dates[0][1] <= (len(b.text) if b.cell else 20):
            entries.append(Dated(dates[0][0], b, dates[0][1], dates[0][2]))
            if b.cell is not None:
                seen_rows.add((b.cell.table, b.cell.row))
    return entries


def out_of_order(entries: list[Dated]) -> list[Dated]:
    return [e for prev, e in zip(entries, entries[1:], strict=False) if e.date < prev.date]


def gaps(entries: list[Dated], gap_days: int = DEFAULT_GAP_DAYS) -> list[tuple[Dated, Dated]]:
    ordered = sorted(entries, key=lambda e: e.date)
    return [(a, b) for a, b in zip(ordered, ordered[1:], strict=False) if (b.date - a.date).days > gap_days]


def missing_events(review: Review, entries: list[Dated]) -> list[Dated]:
    """Dates the analysis relies on (inside the chronology's span) that no chronology entry carries."""
    if not entries:
        return []
    known = {e.date for e in entries}
    first, last = min(known), max(known)
    analysis = {s.id for s in review.sections if s.kind in ("analysis_of_practice", "overall_judgements")}
    out, seen = [], set()
    for b in review.blocks:
        if b.section in analysis and b.kind != "heading":
            for date, start, end in parse_dates(b.text):
                if first <= date <= last and date not in known and date not in seen:
                    seen.add(date)
                    out.append(Dated(date, b, start, end))
    return out
