"""Every body sentence of a review, with its location."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from nlp.types import Block, Location, Review, Sentence

PIPE_BATCH = 64


def parse_blocks(nlp: Language, blocks: Iterable[Block]) -> Iterator[tuple[Block, Doc]]:
    """Run the pipeline over block texts in batches, pairing each block with its Doc."""
    blocks = list(blocks)
    docs = nlp.pipe((b.text for b in blocks), batch_size=PIPE_BATCH)
    yield from zip(blocks, docs, strict=True)


def block_location(block: Block, start: int, end: int) -> Location:
    return Location(section=block.section, paragraph=block.index, start=start, end=end, page=block.page,
                    row=block.cell.row if block.cell else None, col=block.cell.col if block.cell else None)


def sentences_of(parsed: Iterable[tuple[Block, Doc]]) -> list[Sentence]:
    out = []
    for block, doc in parsed:
        for sent in doc.sents:
            text = sent.text.strip()
            if not any(c.isalnum() for c in text):
                continue
            start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            out.append(Sentence(text=text, location=block_location(block, start, start + len(text))))
    return out


def review_sentences(nlp: Language, review: Review) -> list[Sentence]:
    return sentences_of(parse_blocks(nlp, review.body_blocks()))
