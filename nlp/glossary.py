"""The acronym and jargon glossary (resources/glossary.yaml), plus an optional user glossary file."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError


class GlossaryError(ValueError):
    """A glossary file is missing or malformed; the message names the file and the key."""


class AcronymEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    short: str
    expansion: str
    meaning: str
    ambiguous: bool = False
    alternatives: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()

    def suggestion(self) -> str:
        text = f"{self.expansion} ({self.short}) – {self.meaning}"
        if self.ambiguous and self.alternatives:
            text += f". {self.short} can also mean {' or '.join(self.alternatives)}: check which is meant"
        return text


class JargonEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    term: str
    meaning: str
    variants: tuple[str, ...] = ()
    flag: bool = True

    def forms(self) -> tuple[str, ...]:
        return (self.term, *self.variants)


class Glossary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    acronyms: tuple[AcronymEntry, ...] = ()
    jargon: tuple[JargonEntry, ...] = ()
    by_short: dict[str, AcronymEntry] = Field(default_factory=dict, exclude=True)

    def lookup(self, short: str) -> AcronymEntry | None:
        """Exact spelling first, then case-insensitive (ROSH finds RoSH)."""
        return self.by_short.get(short) or self.by_short.get(short.upper())

    def merged(self, other: Glossary) -> Glossary:
        """This glossary with `other`'s entries added; `other` wins where both define a term."""
        shorts = {a.short for a in other.acronyms}
        terms = {j.term.lower() for j in other.jargon}
        return build_glossary(
            (*(a for a in self.acronyms if a.short not in shorts), *other.acronyms),
            (*(j for j in self.jargon if j.term.lower() not in terms), *other.jargon),
        )


def build_glossary(acronyms: tuple[AcronymEntry, ...], jargon: tuple[JargonEntry, ...]) -> Glossary:
    index: dict[str, AcronymEntry] = {}
    for entry in acronyms:
        for form in (entry.short, *entry.variants):
            index.setdefault(form, entry)
            index.setdefault(form.upper(), entry)
    return Glossary(acronyms=acronyms, jargon=jargon, by_short=index)


def _parse(text: str, source: str) -> Glossary:
    try:
        data = yaml.safe_load(text) or {}
        raw = Glossary.model_validate({"acronyms": data.get("acronyms", []), "jargon": data.get("jargon", [])})
    except yaml.YAMLError as exc:
        raise GlossaryError(f"glossary {source} is not valid YAML: {exc}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        raise GlossaryError(f"glossary {source}: {key}: {first['msg']}") from None
    except AttributeError:
        raise GlossaryError(f"glossary {source} must be a mapping with 'acronyms' and/or 'jargon'") from None
    return build_glossary(raw.acronyms, raw.jargon)


@lru_cache(maxsize=1)
def builtin_glossary() -> Glossary:
    text = resources.files("nlp.resources").joinpath("glossary.yaml").read_text(encoding="utf-8")
    return _parse(text, "nlp/resources/glossary.yaml")


@lru_cache(maxsize=8)
def load_glossary(user_file: Path | None = None) -> Glossary:
    """The built-in glossary, extended (and overridden) by the user's file when one is given."""
    base = builtin_glossary()
    if user_file is None:
        return base
    try:
        text = user_file.read_text(encoding="utf-8")
    except OSError as exc:
        raise GlossaryError(f"glossary {user_file} cannot be read: {exc.strerror}") from None
    return base.merged(_parse(text, str(user_file)))
