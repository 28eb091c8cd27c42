"""Every body sentence of a review, with its location."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.types import Block, Location, Review, Sentence

PIPE_BATCH = 64
_LEADING_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)+\.?|\d+[.)]|[•▪◦●‣*·–-])\s+")


@dataclass(frozen=True)
class ParsedSentence:
    """A sentence span with its exact text and offsets in its block (paragraph numbers and bullets cut)."""

    block: Block
    span: Span
    start: int
    end: int
    text: str


def parse_blocks(nlp: Language, blocks: Iterable[Block]) -> Iterator[tuple[Block, Doc]]:
    """Run the pipeline over block texts in batches, pairing each block with its Doc."""
    blocks = list(blocks)
    docs = nlp.pipe((b.text for b in blocks), batch_size=PIPE_BATCH)
    yield from zip(blocks, docs, strict=True)


def text_of(doc: Doc) -> str:
    """`doc.text`, built once: spaCy joins every token again on each access."""
    text = doc.user_data.get("prescreen_text")
    if text is None:
        text = doc.user_data["prescreen_text"] = doc.text
    return str(text)


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start_char, end_char) of each sentence, from one pass over `doc.sents` (kept on the Doc)."""
    bounds = doc.user_data.get("prescreen_sentence_bounds")
    if bounds is None:
        bounds = doc.user_data["prescreen_sentence_bounds"] = [(s.start_char, s.end_char) for s in doc.sents]
    return list(bounds)


def block_location(block: Block, start: int, end: int) -> Location:
    return Location(section=block.section, paragraph=block.index, start=start, end=end, page=block.page,
                    row=block.cell.row if block.cell else None, col=block.cell.col if block.cell else None)


def parsed_sentences(parsed: Iterable[tuple[Block, Doc]]) -> list[ParsedSentence]:
    out = []
    for block, doc in parsed:
        for sent in doc.sents:
            raw = sent.text
            start = sent.start_char + (len(raw) - len(raw.lstrip()))
            text = raw.strip()
            if sent.start == 0 and (number := _LEADING_NUMBER.match(text)) and len(text) > number.end():
                start += number.end()
                text = text[number.end():]
            if any(c.isalnum() for c in text):
                out.append(ParsedSentence(block, sent, start, start + len(text), text))
    return out


def sentences_of(parsed: Iterable[tuple[Block, Doc]]) -> list[Sentence]:
    return [Sentence(text=s.text, location=block_location(s.block, s.start, s.end)) for s in parsed_sentences(parsed)]


def review_sentences(nlp: Language, review: Review) -> list[Sentence]:
    return sentences_of(parse_blocks(nlp, review.body_blocks()))
