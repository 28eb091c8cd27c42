"""Each identity recogniser: should-flag / should-not-flag tables pinning exact spans."""

from __future__ import annotations

import pytest
from spacy.language import Language

from app.ingest import read_bytes
from nlp.identity import identity_details, identity_findings
from nlp.identity.validators import nhs_number, ni_number, pnc_id
from nlp.sentences import parse_blocks


def _found(nlp: Language, text: str) -> list[tuple[str, str]]:
    review = read_bytes(text.encode(), "t.txt")
    return [(f.check, f.text) for f in identity_findings(identity_details(list(parse_blocks(nlp, review.blocks))))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She lived at 14 Mossbank Terrace, Thornsett.", ("identity.address", "14 Mossbank Terrace, Thornsett")),
        ("He moved to Flat 3, 41 Ormsby Terrace in May.", ("identity.address", "Flat 3, 41 Ormsby Terrace")),
        ("Her home was 8 Clos y Dderwen, Abercardell.", ("identity.address", "8 Clos y Dderwen, Abercardell")),
        ("She stayed at 22 Larchway, Oxenholt, with her daughter.", ("identity.address", "22 Larchway, Oxenholt")),
        ("The postcode was SW1A 1AA.", ("identity.postcode", "SW1A 1AA")),
        ("Send it to M11AE today.", ("identity.postcode", "M11AE")),
        ("Call 07700 900123 after six.", ("identity.phone", "07700 900123")),
        ("Her number was +44 7700 900456.", ("identity.phone", "+44 7700 900456")),
        ("The landline is 01632 960 555.", ("identity.phone", "01632 960 555")),
        ("She wrote from jo.bloggs@example.com last week.", ("identity.email", "jo.bloggs@example.com")),
        ("He followed her as @chloe_b92 online.", ("identity.social-media", "@chloe_b92")),
        ("Her NI number is AB 12 34 56 C.", ("identity.ni-number", "AB 12 34 56 C")),
        ("His NHS number is 943 476 5919.", ("identity.nhs-number", "943 476 5919")),
        ("The PNC record 12/345678X was checked.", ("identity.pnc-id", "12/345678X")),
        ("His prison number was A1234BC.", ("identity.prison-number", "A1234BC")),
        ("The CRN X123456 was used.", ("identity.case-reference", "X123456")),
        ("His car, KX19 ZPT, was seen.", ("identity.vehicle-registration", "KX19 ZPT")),
        ("She was born on 3 June 2001 in Leeds.", ("identity.date-of-birth", "3 June 2001")),
        ("Date of birth: 12/04/1996.", ("identity.date-of-birth", "12/04/1996")),
        ("Her son, aged 7, was at home.", ("identity.child-age", "aged 7")),
        ("A 9-year-old girl was present.", ("identity.child-age", "9-year-old")),
        ("Her daughter attended Fernlea Primary School.", ("identity.school", "Fernlea Primary School")),
        ("She worked part-time at Brindley's Bakery.", ("identity.workplace", "Brindley's Bakery")),
        ("The victim, Chloe Brannigan, was 24.", ("identity.person-name", "Chloe Brannigan")),
        ("Ms Dunmore has a son, Alfie, who was four.", ("identity.person-name", "Alfie")),
        ("Mrs Pauline Merridew called the police.", ("identity.person-name", "Mrs Pauline Merridew")),
        ("He met Ellis Carver at school.", ("identity.person-name", "Ellis Carver")),
        ("The SPO, Carys Mostyn, countersigned it.", ("identity.staff-name", "Carys Mostyn")),
        ("The assault happened on Carver Street late at night.", ("identity.street-name", "Carver Street")),
        ("Her son, who is now 9, lives with his grandmother.", ("identity.child-age", "who is now 9")),
    ],
)
def test_should_flag(nlp: Language, text: str, expected: tuple[str, str]) -> None:
    assert expected in _found(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Mr A met Ms B and Child C; Victim 1 was not told.",
        "The probation practitioner and the SPO met at Hexley Crown Court on 4 May 2023.",
        "He was sentenced at Castlebridge Magistrates' Court in 2022 Castlebridge.",
        "Northmoor Police and Children's Services shared information under the Children Act 1989.",
        "Mr K, aged 34, was released in Tarnley.",
        "The postcode SW1A 1CK is not valid and neither is QZ1 1AA.",
        "The NI number BG 12 34 56 A is never issued; AB 12 34 56 E has a bad suffix.",
        "The number 943 476 5918 fails the NHS check digit.",
        "There were 14 contacts in 2023, and 7 missed appointments.",
        "Reviewing manager: SPO, Northmoor and Fenwick SFO Team",
        "The Victim Liaison Officer (VLO) and the Independent Sexual Violence Adviser (ISVA) met her.",
        "He had a Personality Disorder diagnosis and drove a Ford Focus.",
        "MAPPA Category 2, Level 1; the OASys and RoSH were reviewed.",
        "On 14 October 2022 Mr T was stopped by Harrowdene Constabulary in the town centre.",
        "Reviewing manager: Senior Probation Officer, Ellerdyke and Morrow Vale Serious Further Offence Team",
        "Owner: SPO, Morrowby team. By: 31 May 2024.",
        "The letter from Dunstow Homes, his landlord, was not followed up.",
        "His father, who is now 61, was not contacted.",
    ],
)
def test_should_not_flag(nlp: Language, text: str) -> None:
    assert _found(nlp, text) == []


def test_validators() -> None:
    assert nhs_number("9434765919") == 1.0 and nhs_number("9434765918") == 0.0
    assert ni_number("AB123456C") == 1.0 and ni_number("QQ123456C") < 1.0 and ni_number("GB123456A") == 0.0
    letter = "ZABCDEFGHJKLMNPQRTUVWXY"[int("12" + "0345678") % 23]
    other = "Z" if letter != "Z" else "A"
    assert pnc_id(f"12/345678{letter}") == 1.0 and pnc_id(f"12/345678{other}") == 0.6
