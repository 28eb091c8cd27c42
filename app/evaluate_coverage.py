"""Coverage agreement for `sfo-prescreen evaluate`: stages, themes, levels, judgements and SMART actions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from app.metrics import PRF
from nlp.types import ActionCheck, Coverage

SMART = ("specific", "owner", "deadline", "measure")
MIN_ACTION_OVERLAP = 0.6


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def match_actions(gold: Sequence[dict[str, Any]],
                  predicted: Sequence[ActionCheck]) -> list[tuple[dict[str, Any], ActionCheck]]:
    """Pair gold and predicted actions whose words overlap most (each used once)."""
    pairs, used = [], set()
    for g in gold:
        gw = _words(g["text"])
        best, score = None, 0.0
        for i, p in enumerate(predicted):
            if i in used:
                continue
            pw = _words(p.text)
            overlap = len(gw & pw) / max(1, min(len(gw), len(pw)))
            if overlap > score:
                best, score = i, overlap
        if best is not None and score >= MIN_ACTION_OVERLAP:
            used.add(best)
            pairs.append((g, predicted[best]))
    return pairs


class _Counter:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = self.agree = self.n = 0

    def add(self, gold: bool, predicted: bool) -> None:
        self.tp += gold and predicted
        self.fp += predicted and not gold
        self.fn += gold and not predicted
        self.agree += gold == predicted
        self.n += 1

    def result(self) -> dict[str, float]:
        return {**PRF(tp=self.tp, fp=self.fp, fn=self.fn).as_dict(), "accuracy": self.agree / self.n if self.n else
                float("nan"), "n": self.n}


def coverage_agreement(items: Sequence[tuple[dict[str, Any], Coverage]]) -> dict[str, Any]:
    """Per element: P/R/F1 of the positive class (analysed / present / SMART element met) and accuracy."""
    counters: dict[str, _Counter] = {}

    def count(key: str, gold: bool, predicted: bool) -> None:
        counters.setdefault(key, _Counter()).add(gold, predicted)

    exact: dict[str, list[int]] = {}
    actions = {"gold": 0, "predicted": 0, "matched": 0}
    for gold, cov in items:
        analysis = cov.analysis_of_practice
        for group, predicted in (("stages", analysis.stages), ("themes", analysis.themes)):
            for name, coverage in predicted.items():
                g = gold.get(group, {}).get(name)
                if g is None:
                    continue
                count(f"{group}.{name}", g == "analysed", coverage.status == "analysed")
                exact.setdefault(f"{group}.{name}", [0, 0])
                exact[f"{group}.{name}"][0] += g == coverage.status
                exact[f"{group}.{name}"][1] += 1
        for level, presence in cov.learning.levels.items():
            if level in gold.get("learning_levels", {}):
                count(f"levels.{level}", bool(gold["learning_levels"][level]), presence.present)
        j, gj = cov.overall_judgements, gold.get("judgements", {})
        if "sufficiency" in gj:
            count("judgements.sufficiency", bool(gj["sufficiency"]), j.sufficiency.present)
        if "good_practice" in gj:
            count("judgements.good_practice", bool(gj["good_practice"]), j.good_practice.present)
        for role, presence in j.interviews.items():
            if role in gj.get("interviews", {}):
                count(f"interviews.{role}", bool(gj["interviews"][role]), presence.present)
        for factor, presence in j.systemic_factors.items():
            count(f"systemic.{factor}", factor in gj.get("systemic_factors", []), presence.present)
        gold_actions = gold.get("actions", [])
        pairs = match_actions(gold_actions, cov.learning.actions)
        actions["gold"] += len(gold_actions)
        actions["predicted"] += len(cov.learning.actions)
        actions["matched"] += len(pairs)
        for g, p in pairs:
            for element in SMART:
                count(f"smart.{element}", bool(g[element]), bool(getattr(p, element)))
            count("smart.level", True, p.level == g.get("level"))
    return {
        "elements": {k: c.result() for k, c in sorted(counters.items())},
        "three_way_agreement": {k: v[0] / v[1] for k, v in sorted(exact.items())},
        "actions": {**actions, "recall": actions["matched"] / actions["gold"] if actions["gold"] else float("nan"),
                    "precision": actions["matched"] / actions["predicted"] if actions["predicted"] else float("nan")},
        "documents": len(items),
    }
