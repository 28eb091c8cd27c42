"""Action plans by writers the coverage rules were not written on: extraction, SMART elements and level.

Each `corpus/action_plans/apNN.md` (a learning section and an action plan) is rendered to DOCX the way the
corpus is, read back as a user's upload would be, and its actions compared with `apNN.json`.

Run: python benchmarks/action_plans.py [--split tune|holdout|all] [--writers w5,w6] [--cues-only] [--errors]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.corpus.action_plans import plans, split_writers  # noqa: E402
from app.evaluate_coverage import SMART, match_actions  # noqa: E402
from app.metrics import PRF  # noqa: E402
from app.settings import Settings  # noqa: E402
from nlp.coverage.actions import MeasureJudge, check_action, extract_actions  # noqa: E402
from nlp.measure_model import load_measure_model  # noqa: E402

CORPUS = ROOT / "corpus"


def score(split: str, show_errors: bool, only: set[str] | None = None,
          judge: MeasureJudge | None = None) -> dict[str, Any]:
    counts = {e: [0, 0, 0] for e in SMART}
    level_agree = matched = n_gold = n_found = 0
    errors = []
    writers = split_writers(CORPUS, split)
    chosen = plans(CORPUS, writers & only if only else writers)
    for gold, review in chosen:
        checks = [check_action(row, judge) for row in extract_actions(review)]
        pairs = match_actions(gold["actions"], checks)
        n_gold += len(gold["actions"])
        n_found += len(checks)
        matched += len(pairs)
        for g, p in pairs:
            for element in SMART:
                tp_fp_fn = counts[element]
                got, want = bool(getattr(p, element)), bool(g[element])
                tp_fp_fn[0] += got and want
                tp_fp_fn[1] += got and not want
                tp_fp_fn[2] += want and not got
                if got != want:
                    errors.append(f"{gold['id']} {element}: gold {want}, tool {got} | {g['text'][:90]}")
            level_agree += p.level == g["level"]
            if p.level != g["level"]:
                errors.append(f"{gold['id']} level: gold {g['level']}, tool {p.level} | {g['text'][:90]}")
        found = {g["text"] for g, _ in pairs}
        errors += [f"{gold['id']} not extracted | {g['text'][:90]}" for g in gold["actions"] if g["text"] not in found]
    if show_errors:
        print("\n".join(errors))
    return {"plans": len(chosen), "gold_actions": n_gold, "found": n_found, "matched": matched,
            "smart": {e: PRF(tp=c[0], fp=c[1], fn=c[2]).as_dict() for e, c in counts.items()},
            "level_agreement": level_agree / matched if matched else float("nan")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="all", choices=("tune", "holdout", "all"))
    parser.add_argument("--errors", action="store_true", help="list each disagreement (tune split only)")
    parser.add_argument("--writers", help="only these writers of the split, comma-separated (e.g. w5,w6)")
    parser.add_argument("--cues-only", action="store_true", help="the measure cues without the measure model")
    args = parser.parse_args()
    if args.errors and args.split != "tune":
        parser.error("--errors is for the tune split: the holdout writers' errors are not read")
    judge = None if args.cues_only else load_measure_model(Settings().models_dir)
    result = score(args.split, args.errors, set(args.writers.split(",")) if args.writers else None, judge)
    print(f"machine: {platform.machine()} python={platform.python_version()} date={time.strftime('%Y-%m-%d')}")
    label = f"{args.split} ({args.writers})" if args.writers else args.split
    print(f"split {label}: {result['plans']} plans, {result['gold_actions']} gold actions; "
          f"extracted recall {result['matched'] / result['gold_actions']:.3f}, "
          f"precision {result['matched'] / max(1, result['found']):.3f}")
    for element, prf in result["smart"].items():
        print(f"  {element}: P {prf['precision']:.3f} R {prf['recall']:.3f} F1 {prf['f1']:.3f}")
    print(f"  level agreement: {result['level_agreement']:.3f}")


if __name__ == "__main__":
    main()
