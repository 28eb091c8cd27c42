"""A self-contained HTML report: the draft with flagged spans highlighted by standard, the findings
grouped by standard with severity filters, the provisional ratings with probabilities and reasons,
and descriptive/analytical shading as a toggle. No external assets; document text is always escaped.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from nlp.types import STANDARDS, Block, Finding, Review, Screening

STANDARD_NAMES = {"analysis_of_practice": "Analysis of practice", "overall_judgements": "Overall judgements",
                  "learning": "Learning", "victims_and_families": "Victims and their families",
                  "composite": "Composite", None: "Whole review"}

CSS = """
body{font-family:system-ui,Segoe UI,Arial,sans-serif;margin:0;color:#1b1b1b;background:#fff;line-height:1.5}
header,main,aside{padding:1rem 1.5rem}header{border-bottom:3px solid #1d4f91}
h1{font-size:1.4rem;margin:.2rem 0}.provisional{background:#fff4ce;border-left:4px solid #8a6d00;padding:.5rem}
.layout{display:grid;grid-template-columns:minmax(0,3fr) minmax(18rem,2fr);gap:1rem}
table.ratings{border-collapse:collapse;width:100%}
table.ratings td,table.ratings th{border:1px solid #767676;padding:.3rem;vertical-align:top}
.doc p,.doc li{margin:.4rem 0}.doc table{border-collapse:collapse}.doc td{border:1px solid #767676;padding:.2rem .4rem}
mark{background:none;border-bottom:3px solid;padding:0 1px;color:inherit}
.std-analysis_of_practice{border-color:#0b6e4f}.std-overall_judgements{border-color:#1d4f91}
.std-learning{border-color:#7a3e9d}.std-victims_and_families{border-color:#b3261e}.std-none{border-color:#5a5a5a}
.sev-error{background:#fde7e9}.sev-warning{background:#fff4ce}.sev-info{background:#eef3f8}
body.shade .s-analytical{background:#e3f4ea}body.shade .s-descriptive{background:#f1f1f1}
.finding{border:1px solid #c8c8c8;border-radius:4px;padding:.4rem;margin:.4rem 0}
.badge{font-weight:700;text-transform:uppercase;font-size:.75rem;padding:0 .3rem;border-radius:3px;color:#fff}
.badge.error{background:#b3261e}.badge.warning{background:#8a5a00}.badge.info{background:#1d4f91}
.controls label{margin-right:1rem}a{color:#1d4f91}:focus{outline:3px solid #ffbf47}
@media print{.controls{display:none}.layout{display:block}}
"""
SCRIPT = """
document.querySelectorAll('input[data-severity]').forEach(function(box){box.addEventListener('change',function(){
 document.querySelectorAll('.finding.'+box.dataset.severity).forEach(function(el){el.hidden=!box.checked;});});});
var shade=document.getElementById('shade');shade.addEventListener('change',function(){
 document.body.classList.toggle('shade',shade.checked);});
"""


def _segments(block: Block, findings: list[Finding], sentences: list[tuple[int, int, str]]) -> str:
    """The block's text cut at every finding and sentence edge, each piece wrapped with its classes."""
    cuts = {0, len(block.text)}
    for f in findings:
        cuts |= {f.location.start, f.location.end}  # type: ignore[union-attr]
    for s, e, _ in sentences:
        cuts |= {s, e}
    edges = sorted(c for c in cuts if 0 <= c <= len(block.text))
    out = []
    for a, b in zip(edges, edges[1:], strict=False):
        text = escape(block.text[a:b])
        label = next((lab for s, e, lab in sentences if s <= a and b <= e), None)
        covering = [f for f in findings if f.location.start <= a and b <= f.location.end]  # type: ignore[union-attr]
        if covering:
            f = covering[0]
            std = f.standard or "none"
            ids = " ".join(x.id for x in covering)
            title = escape(" | ".join(x.message for x in covering), quote=True)
            text = (f'<mark class="std-{std} sev-{f.severity}" data-findings="{ids}" title="{title}">'
                    f'{text}</mark>')
        out.append(f'<span class="s-{label}">{text}</span>' if label else text)
    return "".join(out)


def _document(review: Review, screening: Screening) -> str:
    by_block: dict[int, list[Finding]] = defaultdict(list)
    for f in screening.findings:
        if f.location is not None and f.text:
            by_block[f.location.paragraph].append(f)
    sentences: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for s in screening.sentences:
        sentences[s.location.paragraph].append((s.location.start, s.location.end, s.label or ""))
    parts: list[str] = []
    table_rows: dict[int, dict[int, list[str]]] = {}
    for b in review.blocks:
        body = _segments(b, by_block[b.index], sentences[b.index])
        if b.cell is not None:
            rows = table_rows.setdefault(b.cell.table, {})
            if not rows:
                parts.append(f"<!--table{b.cell.table}-->")
            rows.setdefault(b.cell.row, []).append(f'<td id="p{b.index}">{body}</td>')
        elif b.kind == "heading":
            parts.append(f'<h3 id="p{b.index}">{body}</h3>')
        else:
            tag = "li" if b.kind == "list_item" else "p"
            parts.append(f'<{tag} id="p{b.index}">{body}</{tag}>')
    html = "\n".join(parts)
    for table, rows in table_rows.items():
        rendered = "<table>" + "".join(f"<tr>{''.join(cells)}</tr>" for _, cells in sorted(rows.items())) + "</table>"
        html = html.replace(f"<!--table{table}-->", rendered)
    return html


def _ratings(screening: Screening) -> str:
    rows = []
    for key in (*STANDARDS, "composite"):
        r = getattr(screening.ratings, key)
        probs = ", ".join(f"{escape(k)} {v:.0%}" for k, v in r.probabilities.items())
        reasons = "".join(f"<li>{escape(x)}</li>" for x in r.reasons)
        rows.append(f"<tr><th scope='row'>{STANDARD_NAMES[key]}</th><td><strong>{escape(r.rating or 'not rated')}"
                    f"</strong><br><small>{probs}</small></td><td><ul>{reasons}</ul></td></tr>")
    return ("<table class='ratings'><caption>Provisional ratings</caption><tr><th scope='col'>Standard</th>"
            "<th scope='col'>Rating</th><th scope='col'>Why</th></tr>" + "".join(rows) + "</table>")


def _findings(screening: Screening) -> str:
    groups: dict[str | None, list[Finding]] = defaultdict(list)
    for f in screening.findings:
        groups[f.standard].append(f)
    out = []
    for std in (*STANDARDS, None):
        items = groups.get(std, [])
        if not items:
            continue
        out.append(f"<h3>{STANDARD_NAMES[std]} ({len(items)})</h3>")
        for f in items:
            link = f' <a href="#p{f.location.paragraph}">paragraph {f.location.paragraph}</a>' if f.location else ""
            quote = f" <q>{escape(f.text)}</q>" if f.text else ""
            suggestion = f"<br><em>Suggestion:</em> {escape(f.suggestion)}" if f.suggestion else ""
            out.append(f'<div class="finding {f.severity}" id="{f.id}"><span class="badge {f.severity}">'
                       f"{f.severity}</span> <code>{escape(f.check)}</code>{quote}{link}<br>{escape(f.message)}"
                       f"{suggestion}</div>")
    return "\n".join(out)


def render_html(review: Review, screening: Screening, nonce: str | None = None) -> str:
    doc = screening.document
    script_attr = f' nonce="{escape(nonce, quote=True)}"' if nonce else ""
    filters = "".join(f'<label><input type="checkbox" data-severity="{s}" checked> {s}</label>'
                      for s in ("error", "warning", "info"))
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>sfo-prescreen: {escape(doc.filename)}</title><style>{CSS}</style></head>
<body>
<header><h1>Pre-screen of {escape(doc.filename)}</h1>
<p>{doc.word_count} words · {len(screening.findings)} findings · sfo-prescreen {escape(screening.tool.version)}</p>
<p class="provisional">Ratings are provisional suggestions from a model trained on invented drafts, not an inspection
outcome.</p></header>
<main><div class="layout">
<section class="doc" aria-label="The draft with flagged text highlighted">
<div class="controls"><label><input type="checkbox" id="shade"> Shade descriptive / analytical sentences</label></div>
{_document(review, screening)}
</section>
<aside aria-label="Ratings and findings">
{_ratings(screening)}
<h2>Findings</h2>
<div class="controls" role="group" aria-label="Show findings by severity">{filters}</div>
{_findings(screening)}
</aside></div></main>
<script{script_attr}>{SCRIPT}</script>
</body></html>
"""
