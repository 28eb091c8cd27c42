"""Typed boundaries shared by every stage: the parsed review and the screening it yields."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["error", "warning", "info"]
Standard = Literal["analysis_of_practice", "overall_judgements", "learning", "victims_and_families"]
RatingLevel = Literal["Outstanding", "Good", "Requires improvement", "Inadequate"]
DocFormat = Literal["docx", "pdf", "txt", "md"]
BlockKind = Literal["heading", "paragraph", "list_item", "table_cell"]
SectionKind = Literal[
    "introduction",
    "case_summary",
    "chronology",
    "analysis_of_practice",
    "overall_judgements",
    "learning",
    "action_plan",
    "victim_summary",
    "glossary",
    "other",
]
SectionSubkind = Literal["assessment", "planning", "delivery", "reviewing"]
SentenceLabel = Literal["descriptive", "analytical"]

STANDARDS: tuple[Standard, ...] = (
    "analysis_of_practice",
    "overall_judgements",
    "learning",
    "victims_and_families",
)
RATING_LEVELS: tuple[RatingLevel, ...] = ("Outstanding", "Good", "Requires improvement", "Inadequate")
SCHEMA_VERSION = "1"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class TableCell(_Frozen):
    """Where a block sits when it is a table cell (all zero-based)."""

    table: int
    row: int
    col: int


class Block(_Frozen):
    """One unit of text as the reader sees it: a heading, paragraph, list item or table cell.

    `index` is the block's position in the document (the `paragraph` of a location).
    """

    index: int
    kind: BlockKind
    text: str
    section: str = ""
    level: int | None = None
    style: str | None = None
    page: int | None = None
    cell: TableCell | None = None


class Section(_Frozen):
    id: str
    title: str
    kind: SectionKind
    subkind: SectionSubkind | None = None
    level: int = 1
    heading_block: int | None = None


class Review(_Frozen):
    """A parsed review draft: ordered blocks grouped into sections."""

    filename: str
    format: DocFormat
    sha256: str
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]
    pages: int | None = None
    notes: tuple[str, ...] = ()

    def body_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind != "heading" and b.text.strip())

    @property
    def word_count(self) -> int:
        return sum(len(b.text.split()) for b in self.body_blocks())

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


class Location(_Frozen):
    """Character offsets `start`/`end` index into the text of block `paragraph`."""

    section: str
    paragraph: int
    start: int
    end: int
    page: int | None = None
    row: int | None = None
    col: int | None = None


class Finding(_Frozen):
    id: str = ""
    check: str
    standard: Standard | None
    severity: Severity
    text: str
    message: str
    suggestion: str | None = None
    location: Location | None = None
    score: float | None = None
    kind: str | None = None


class Sentence(_Frozen):
    text: str
    label: SentenceLabel | None = None
    score: float | None = None
    location: Location


class RatingEvidence(_Frozen):
    """One reason behind a rating: the feature, its value, how far it moved the rating, and where."""

    reason: str
    feature: str
    value: float
    contribution: float
    locations: tuple[Location, ...] = ()


class Rating(_Frozen):
    rating: RatingLevel | None = None
    confidence: float | None = None
    probabilities: dict[str, float] = Field(default_factory=dict)
    reasons: tuple[str, ...] = ()
    evidence: tuple[RatingEvidence, ...] = ()


class SectionOut(_Frozen):
    id: str
    title: str
    kind: SectionKind
    subkind: SectionSubkind | None = None
    metrics: dict[str, float] = Field(default_factory=dict)


class DocumentInfo(_Frozen):
    filename: str
    format: DocFormat
    sha256: str
    word_count: int
    pages: int | None = None
    sections: tuple[SectionOut, ...]


class ToolInfo(_Frozen):
    name: str = "sfo-prescreen"
    version: str
    models: dict[str, str] = Field(default_factory=dict)


class Ratings(_Frozen):
    analysis_of_practice: Rating
    overall_judgements: Rating
    learning: Rating
    victims_and_families: Rating
    composite: Rating


CoverageStatus = Literal["analysed", "mentioned", "absent"]


class ElementCoverage(_Frozen):
    """How far the review covers one element: analysed (evaluated), mentioned (narrated), absent."""

    status: CoverageStatus
    evidence: tuple[Location, ...] = ()


class Presence(_Frozen):
    present: bool
    evidence: tuple[Location, ...] = ()


class ActionCheck(_Frozen):
    """One action of the action plan and its SMART elements."""

    text: str
    location: Location
    specific: bool
    owner: bool
    deadline: bool
    measure: bool
    level: str | None = None

    @property
    def missing(self) -> tuple[str, ...]:
        names = ("specific", "owner", "deadline", "measure")
        return tuple(n for n in names if not getattr(self, n)) + (() if self.level else ("level",))


class ChronologyCheck(_Frozen):
    entries: int
    out_of_order: int
    gaps: int
    missing_events: int


class AnalysisCoverage(_Frozen):
    stages: dict[str, ElementCoverage]
    themes: dict[str, ElementCoverage]
    diversity_unexplored: tuple[str, ...] = ()
    chronology: ChronologyCheck | None = None


class JudgementCoverage(_Frozen):
    sufficiency: Presence
    good_practice: Presence
    systemic_factors: dict[str, Presence]
    interviews: dict[str, Presence]
    hindsight: tuple[Location, ...] = ()
    key_areas: dict[str, Presence] = Field(default_factory=dict,
                                           description="Management oversight, safeguarding, professional curiosity "
                                                       "and multi-agency working: weighed in analytical sentences?")


class LearningCoverage(_Frozen):
    levels: dict[str, Presence]
    actions: tuple[ActionCheck, ...]
    learning_without_action: tuple[Location, ...] = ()
    # Action already taken since the offence (training delivered, a process changed): DOMAIN.md 3f.
    action_taken: Presence = Presence(present=False)


class Coverage(_Frozen):
    """What the review covers against each standard, with the evidence (issue 7)."""

    analysis_of_practice: AnalysisCoverage
    overall_judgements: JudgementCoverage
    learning: LearningCoverage


class Screening(_Frozen):
    """The contract object (shared/CONTRACT.md) every output is rendered from."""

    schema_version: str = SCHEMA_VERSION
    tool: ToolInfo
    document: DocumentInfo
    findings: tuple[Finding, ...]
    sentences: tuple[Sentence, ...]
    ratings: Ratings
    coverage: Coverage | None = None

    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)
