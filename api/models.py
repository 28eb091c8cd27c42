"""Response models of the HTTP API (the screening contract plus storage fields)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

from nlp.types import Screening, Severity, Standard


class ScreeningOut(Screening):
    """A stored screening: the contract object with its id and when it was made."""

    id: str
    created_at: dt.datetime


class ScreeningSummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    created_at: dt.datetime
    filename: str
    composite: str | None


class ScreeningPage(BaseModel):
    model_config = ConfigDict(frozen=True)

    total: int
    limit: int
    offset: int
    items: list[ScreeningSummary]


class TextDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    filename: str = "draft.txt"
    text: str


class CheckOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    standard: Standard | None
    severity: Severity
    description: str
