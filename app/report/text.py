"""A readable terminal summary: one `file:paragraph:check:message` line per finding, then totals."""

from __future__ import annotations

from collections import Counter

from nlp.types import STANDARDS, Screening

_STANDARD_NAMES = {
    "analysis_of_practice": "Analysis of practice",
    "overall_judgements": "Overall judgements",
    "learning": "Learning",
    "victims_and_families": "Victims and their families",
    "composite": "Composite",
}


def finding_lines(screening: Screening) -> list[str]:
    name = screening.document.filename
    return [f"{name}:{f.location.paragraph if f.location else '-'}:{f.check}:{f.severity}: {f.message}"
            for f in screening.findings]


def render_text(screening: Screening) -> str:
    doc = screening.document
    lines = finding_lines(screening)
    if lines:
        lines.append("")
    kinds = ", ".join(f"{s.title} [{s.kind}{'/' + s.subkind if s.subkind else ''}]"
                      for s in doc.sections if s.title) or "none recognised"
    severities = Counter(f.severity for f in screening.findings)
    labelled = Counter(s.label for s in screening.sentences if s.label)
    lines += [
        f"{doc.filename} ({doc.format}, {doc.word_count} words"
        + (f", {doc.pages} pages" if doc.pages else "") + ")",
        f"Sections: {kinds}",
        f"Sentences: {len(screening.sentences)}"
        + (f" ({labelled['analytical']} analytical, {labelled['descriptive']} descriptive)" if labelled else ""),
        f"Findings: {severities['error']} errors, {severities['warning']} warnings, {severities['info']} notes",
    ]
    ratings = [(key, getattr(screening.ratings, key)) for key in (*STANDARDS, "composite")]
    if all(r.rating is None for _, r in ratings) and len({r.reasons for _, r in ratings}) == 1:
        lines.append(f"Provisional ratings: none. {' '.join(ratings[0][1].reasons)}")
        return "\n".join(lines) + "\n"
    lines.append("Provisional ratings:")
    for key, rating in ratings:
        lines.append(f"  {_STANDARD_NAMES[key]}: {rating.rating or 'not rated'}")
        lines.extend(f"    - {reason}" for reason in rating.reasons[:3])
    return "\n".join(lines) + "\n"
