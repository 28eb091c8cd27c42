from __future__ import annotations

from spacy.language import Language

from app.ingest import read_bytes
from nlp.identity import identity_details, identity_findings
from nlp.sentences import parse_blocks

MD = (b"# Review\n\n## Case details\n\nThe victim, Chloe Brannigan, lived at 14 Mossbank Terrace, Thornsett.\n\n"
      b"Ms Brannigan's son, Tyler, was aged 6. Chloe had called the police.\n\n"
      b"Her friend Dana Whitlock lived at 3 Cotter Lane.\n")


def test_same_person_same_placeholder_across_mentions(nlp: Language) -> None:
    review = read_bytes(MD, "r.md")
    details = identity_details(list(parse_blocks(nlp, review.blocks)))
    by_text = {d.hit.text: d.placeholder for d in details}
    assert by_text["Chloe Brannigan"] == by_text["Ms Brannigan"] == by_text["Chloe"] == "[Victim 1]"
    assert by_text["Tyler"] == "[Child 1]"
    assert by_text["Dana Whitlock"] == "[Person 1]"
    assert by_text["14 Mossbank Terrace, Thornsett"] == "[Address 1]"
    assert by_text["3 Cotter Lane"] == "[Address 2]"


def test_findings_say_why_and_suggest_the_placeholder(nlp: Language) -> None:
    review = read_bytes(MD, "r.md")
    findings = identity_findings(identity_details(list(parse_blocks(nlp, review.blocks))))
    name = next(f for f in findings if f.text == "Chloe Brannigan")
    assert name.check == "identity.person-name" and name.severity == "error" and name.kind == "person_name"
    assert "shared with the family" in name.message and "[Victim 1]" in (name.suggestion or "")
    age = next(f for f in findings if f.check == "identity.child-age")
    assert age.severity == "warning"
    blocks = {b.index: b.text for b in review.blocks}
    for f in findings:
        assert f.location and blocks[f.location.paragraph][f.location.start:f.location.end] == f.text
