from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from app.cli import cli
from app.evaluate import evaluate

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
runner = CliRunner()


def _copy(tmp_path: Path, ids: list[str]) -> Path:
    for doc_id in ids:
        shutil.copy(CORPUS / "reviews" / f"{doc_id}.docx", tmp_path)
        shutil.copy(CORPUS / "reviews" / f"{doc_id}.json", tmp_path)
    return tmp_path


def test_evaluate_measures_every_component(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    result = evaluate(_copy(tmp_path, ["r04", "r14"]), None, settings)
    assert result["documents"] == ["r04", "r14"]
    gold_positive = sum(1 for d in ("r04", "r14")
                        for a in json.loads((tmp_path / f"{d}.json").read_text())["acronyms"]
                        if a["how"] in ("never", "inline-later"))
    acronyms = result["acronyms"]
    assert acronyms["tp"] + acronyms["fn"] == gold_positive  # type: ignore[index]
    sentences = result["sentences"]
    assert sentences["total"] > 150 and sentences["boundary_exact_share"] > 0.9  # type: ignore[index]
    assert set(result["ratings"]) == {"analysis_of_practice", "overall_judgements", "learning",  # type: ignore[arg-type]
                                      "victims_and_families", "composite"}


def test_evaluate_cli_split_and_json(tmp_path: Path) -> None:
    out = tmp_path / "eval.json"
    result = runner.invoke(cli, ["evaluate", str(CORPUS / "reviews"), "--split", "dev", "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "Evaluated 5 documents" in result.stdout and "quadratic weighted kappa" in result.stdout
    assert json.loads(out.read_text())["split"] == "dev"


def test_evaluate_errors(tmp_path: Path) -> None:
    result = runner.invoke(cli, ["evaluate", str(tmp_path)])
    assert result.exit_code == 2 and "no gold files" in result.stderr
    result = runner.invoke(cli, ["evaluate", str(_copy(tmp_path, ["r01"])), "--split", "test"])
    assert result.exit_code == 2 and "splits.json" in result.stderr
