"""Print `sfo-prescreen evaluate` results as a readable table."""

from __future__ import annotations

import math
from typing import Any

from nlp.types import RATING_LEVELS


def _f(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def render_evaluation(result: dict[str, Any]) -> str:
    acr, ident = result["acronyms"], result["identity"]
    lang, sent = result["unsuitable_language"], result["sentences"]
    lines = [
        f"Evaluated {len(result['documents'])} documents in {result['directory']}"
        + (f" (split: {result['split']})" if result["split"] else ""),
        "",
        f"Acronyms (gold positives: never explained, or explained only after first use): "
        f"precision {_f(acr['precision'])}  recall {_f(acr['recall'])}  F1 {_f(acr['f1'])}  "
        f"(tp {acr['tp']}, fp {acr['fp']}, fn {acr['fn']}); flagged though defined at first use: "
        f"{acr['defined_at_first_use_flagged']} of {acr['defined_at_first_use']}",
        f"Identifying details: recall {_f(ident['recall'])} ({ident['found']}/{ident['gold']}), "
        f"precision {_f(ident['precision'])} of {ident['findings']} findings; "
        f"look-alikes flagged {_f(ident['must_not_flag_flagged_share'])} "
        f"({ident['must_not_flag_flagged']}/{ident['must_not_flag']})",
        f"Unsuitable language: recall {_f(lang['recall'])} ({lang['found']}/{lang['gold']}), "
        f"precision {_f(lang['precision'])} of {lang['findings']} findings",
        f"Sentences: macro-F1 {_f(sent['macro_f1'])} over {sent['total']} gold sentences "
        f"({sent['labelled']} labelled by the tool; {_f(sent['boundary_exact_share'])} split exactly as gold)",
    ]
    lines += [f"  {label}: precision {_f(c['precision'])} recall {_f(c['recall'])} F1 {_f(c['f1'])}"
              for label, c in sent["per_class"].items()]
    lines += ["", "Ratings: exact / adjacent / quadratic weighted kappa (rated of n)"]
    for standard, r in result["ratings"].items():
        scores = " / ".join(_f(r[k]) for k in ("exact", "adjacent", "qwk"))
        lines.append(f"  {standard}: {scores} ({r['rated']} of {r['n']})")
    composite = result["ratings"].get("composite")
    if composite:
        columns = [*RATING_LEVELS, "not rated"]
        lines += ["", "Composite confusion (rows gold, columns tool): " + " | ".join(columns)]
        lines += [f"  {gold}: " + " | ".join(str(row[c]) for c in columns)
                  for gold, row in composite["confusion"].items()]
    coverage = result.get("coverage")
    if coverage:
        acts = coverage["actions"]
        lines += ["", f"Coverage ({coverage['documents']} documents with coverage gold): precision / recall / F1 "
                  "of the positive class (analysed, present, met) and accuracy",
                  f"  actions extracted: recall {_f(acts['recall'])}, precision {_f(acts['precision'])} "
                  f"({acts['matched']} matched of {acts['gold']} gold, {acts['predicted']} found)"]
        for name, m in coverage["elements"].items():
            lines.append(f"  {name}: {_f(m['precision'])} / {_f(m['recall'])} / {_f(m['f1'])}; accuracy "
                         f"{_f(m['accuracy'])} (n {m['n']})")
    return "\n".join(lines) + "\n"
