"""Build examples/sample_review.docx: an invented SFO review draft used by the README's first command.

Every person, place and event in it is invented. Run: python examples/build_sample.py
"""

from __future__ import annotations

from pathlib import Path

import docx

TITLE = "Serious Further Offence Review: Mr T"
META = ("Reviewing manager: Senior Probation Officer, Wyvern Vale SFO Team",
        "Date completed: 14 October 2026")
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Introduction", (
        "This review considers how the Probation Service managed Mr T between his release from prison in "
        "January 2026 and his arrest in June 2026. It was commissioned after he was charged with wounding "
        "with intent against a former partner, referred to in this review as Victim 1.",
        "The review is based on the case records, the OASys assessments, and interviews with the probation "
        "practitioner, the Senior Probation Officer (SPO) and the Head of the Probation Delivery Unit (PDU).",
    )),
    ("Case details", (
        "Mr T is 34. He was released on licence after serving half of a 30-month sentence for assault "
        "occasioning actual bodily harm against a previous partner. His RoSH was assessed as medium.",
        "Victim 1 lived with her daughter, Amelia, at 12 Corran Row in Wyvern Vale at the time of the offence.",
    )),
    ("Chronology of significant events", ()),
    ("Analysis of practice", ()),
    ("Assessment", (
        "The OASys completed before release identified domestic abuse as the main risk factor. It did not "
        "include information from the police about call-outs during his previous relationship, because the "
        "practitioner did not request it. As a result the risk to a new partner was underestimated.",
        "The practitioner said in interview that she had 48 cases at the time and had not been trained in "
        "domestic abuse enquiries. This workload is likely to have limited the time she could give to "
        "information gathering, and the SPO agreed that this was a gap across the team.",
    )),
    ("Planning", (
        "The risk management plan listed licence conditions but did not say how contact with a new partner "
        "would be checked. The plan was not sufficient to manage the risk of domestic abuse.",
    )),
    ("Implementation and delivery", (
        "Mr T attended his appointments. On 2 April he told the practitioner he had a new girlfriend. The "
        "practitioner recorded this and no further action was taken.",
        "Contact was weekly for the first two months and then fortnightly. The reduction was agreed in "
        "supervision with the manager, but the record does not say why it was safe to reduce contact at a "
        "time when Mr T had just started a new relationship. The decision appears to have been driven by the "
        "size of the caseload rather than by an assessment of the risk he posed.",
        "Mr T completed three sessions of a domestic abuse programme before the offence. The tutor's reports "
        "said he engaged well, but they were not shared with the practitioner until after his arrest, because "
        "there was no agreed way for the programme team to send reports to the case manager.",
        "No home visit was completed and no police check was made on the new relationship. This was a missed "
        "opportunity to identify that Victim 1 was at risk.",
    )),
    ("Reviewing", (
        "The OASys was not reviewed after Mr T disclosed the new relationship, although policy requires a "
        "review when circumstances change significantly.",
        "The practitioner said she had planned to update the assessment at the three-month point, and that the "
        "new relationship did not seem significant because Mr T presented as calm. This shows why the policy "
        "matters: a new relationship was the clearest sign that the risk identified before release could "
        "return, and reviewing the assessment would have prompted police checks and a conversation with the "
        "new partner about her safety.",
    )),
    ("Overall judgements", (
        "On balance, not all reasonable steps were taken to manage the risk of serious harm. The assessment "
        "did not use the information available, and the plan was not reviewed when the risk changed.",
        "There was good practice in the prompt referral to accommodation services before release.",
        "The team had two vacancies during this period and the manager was covering a second team. These "
        "pressures left little time for case discussion, and management oversight did not test the decision "
        "to reduce contact. The Head of the PDU accepted in interview that oversight of high caseloads had "
        "not been effective in the months before the offence.",
    )),
    ("Learning", (
        "The practitioner should make domestic abuse enquiries at the start of every licence period.",
        "The PDU needs to make sure that workloads allow time for information gathering, and the region "
        "should check that domestic abuse training reaches newly qualified staff.",
        "Managers need to record their reasons when they agree to reduce contact, so that decisions rest on "
        "risk and not on workload. The programme team and case managers need a shared way to pass on reports "
        "within a week of each session.",
    )),
    ("Action plan", ()),
)
CHRONOLOGY = (
    ("Date", "Event"),
    ("15/01/2026", "Mr T was released on licence to approved premises."),
    ("22/01/2026", "The practitioner completed the first supervision appointment."),
    ("02/04/2026", "Mr T disclosed a new relationship; no checks were made."),
    ("19/06/2026", "Mr T was arrested and charged with wounding with intent."),
)
ACTIONS = (
    ("Action", "Owner", "Timescale"),
    ("Remind staff about domestic abuse enquiries.", "SPO", "Ongoing"),
    ("Audit ten licence cases for domestic abuse checks; the audit shows checks in at least nine.",
     "Head of PDU", "31/01/2027"),
    ("Add a reason-for-change field to the contact reduction form and check its use in monthly supervision.",
     "SPO", "28/02/2027"),
)


def _table(document: docx.document.Document, rows: tuple[tuple[str, ...], ...]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value


def build(path: Path) -> None:
    document = docx.Document()
    document.add_heading(TITLE, level=0)
    for line in META:
        document.add_paragraph(line)
    for heading, paragraphs in SECTIONS:
        level = 2 if heading in {"Assessment", "Planning", "Implementation and delivery", "Reviewing"} else 1
        document.add_heading(heading, level=level)
        for text in paragraphs:
            document.add_paragraph(text)
        if heading.startswith("Chronology"):
            _table(document, CHRONOLOGY)
        if heading == "Action plan":
            _table(document, ACTIONS)
    document.save(str(path))


if __name__ == "__main__":
    build(Path(__file__).with_name("sample_review.docx"))
