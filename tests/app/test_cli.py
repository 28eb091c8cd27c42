from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from app.cli import cli
from tests.builders import docx_bytes

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample_review.docx"
runner = CliRunner()


def test_check_json_follows_the_contract() -> None:
    result = runner.invoke(cli, ["check", str(SAMPLE), "--format", "json"])
    data = json.loads(result.stdout)
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    assert result.exit_code == (1 if errors else 0)
    undefined = {f["text"] for f in data["findings"] if f["check"] == "acronym.undefined"}
    assert {"OASys", "RoSH"} <= undefined and "SPO" not in undefined
    assert data["schema_version"] == "1"
    assert data["document"]["format"] == "docx"
    assert data["document"]["sha256"] == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()
    kinds = {s["kind"] for s in data["document"]["sections"]}
    assert {"chronology", "analysis_of_practice", "overall_judgements", "learning", "action_plan"} <= kinds
    assert set(data["ratings"]) == {"analysis_of_practice", "overall_judgements", "learning",
                                    "victims_and_families", "composite"}
    assert all(r["reasons"] for r in data["ratings"].values())
    assert data["ratings"]["composite"]["rating"] in ("Outstanding", "Good", "Requires improvement", "Inadequate")
    assert len(data["sentences"]) > 30
    assert all(s["label"] in ("descriptive", "analytical") and 0.5 <= s["score"] <= 1 for s in data["sentences"])
    assert data["tool"]["models"]["passages"].startswith("passages-")


def test_text_format_summarises(tmp_path: Path) -> None:
    out = tmp_path / "summary.txt"
    result = runner.invoke(cli, ["check", str(SAMPLE), "--output", str(out)])
    assert result.exit_code == 1
    assert ":acronym.undefined:error: RoSH is used once but never explained" in out.read_text()
    text = out.read_text()
    assert "sample_review.docx (docx," in text and "Analysis of practice [analysis_of_practice]" in text


def _no_sections_docx(tmp_path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("Mr K was released on licence and attended his appointments.")
    path = tmp_path / "plain.docx"
    path.write_bytes(docx_bytes(d))
    return path


def test_document_without_sections_is_screened_with_a_finding(tmp_path: Path) -> None:
    result = runner.invoke(cli, ["check", str(_no_sections_docx(tmp_path))])
    assert result.exit_code == 1  # screened: error-severity findings (no action plan), not an unreadable input
    assert ":action.no-plan:error:" in result.stdout
    assert "plain.docx:-:structure.no-sections:warning: No section headings were recognised" in result.stdout


def test_config_turns_checks_off_and_changes_severity(tmp_path: Path) -> None:
    path = _no_sections_docx(tmp_path)
    off = tmp_path / "off.toml"
    off.write_text('[checks."structure.no-sections"]\nenabled = false\n')
    result = runner.invoke(cli, ["check", str(path), "--config", str(off), "--format", "json"])
    assert "structure.no-sections" not in [f["check"] for f in json.loads(result.stdout)["findings"]]
    err = tmp_path / "err.toml"
    err.write_text('[checks."structure.no-sections"]\nseverity = "error"\n')
    result = runner.invoke(cli, ["check", str(path), "--config", str(err)])
    assert result.exit_code == 1
    assert ":structure.no-sections:error:" in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[checks."no.such-check"]\nenabled = false\n', "checks.no.such-check: no such check"),
        ('[checks."structure.no-sections"]\nseverity = "loud"\n', "checks.structure.no-sections.severity"),
        ("[checks\n", "is not valid TOML"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text(content)
    result = runner.invoke(cli, ["check", str(SAMPLE), "--config", str(cfg)])
    assert result.exit_code == 2
    assert message in result.stderr


BAD_INPUTS = {
    "empty.docx": b"",
    "truncated.docx": SAMPLE.read_bytes()[:3000],
    "image.pdf": b"\x89PNG\r\n\x1a\n" + b"\0" * 100,
    "fake.pdf": b"%PDF-1.4\n%%EOF",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_exits_2_with_one_line_and_leaves_the_file_alone(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(BAD_INPUTS[name])
    before = path.read_bytes()
    proc = subprocess.run([sys.executable, "-m", "app.cli", "check", str(path)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: ") and proc.stderr.count("\n") == 1
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert path.read_bytes() == before


def test_missing_file_and_output_over_input_are_refused(tmp_path: Path) -> None:
    result = runner.invoke(cli, ["check", str(tmp_path / "nope.docx")])
    assert result.exit_code == 2 and "does not exist" in result.stderr
    copy = tmp_path / "draft.docx"
    copy.write_bytes(SAMPLE.read_bytes())
    result = runner.invoke(cli, ["check", str(copy), "--output", str(copy)])
    assert result.exit_code == 2
    assert copy.read_bytes() == SAMPLE.read_bytes()


def test_usage_error_exits_2() -> None:
    assert runner.invoke(cli, ["check"]).exit_code == 2
    assert runner.invoke(cli, ["check", str(SAMPLE), "--format", "yaml"]).exit_code == 2


def test_readability_thresholds_are_configurable(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("[readability]\nlong_sentence_words = 12\n")
    result = runner.invoke(cli, ["check", str(SAMPLE), "--config", str(cfg), "--format", "json"])
    checks = [f["check"] for f in json.loads(result.stdout)["findings"]]
    default = runner.invoke(cli, ["check", str(SAMPLE), "--format", "json"])
    assert checks.count("readability.long-sentence") > \
        [f["check"] for f in json.loads(default.stdout)["findings"]].count("readability.long-sentence")


def test_user_glossary_setting_supplies_suggestions(tmp_path: Path) -> None:
    draft = tmp_path / "d.md"
    draft.write_text("# Review\n\n## Analysis of practice\n\nThe ZQXW panel met twice.\n")
    glossary = tmp_path / "ours.yaml"
    glossary.write_text("acronyms:\n  - short: ZQXW\n    expansion: Zonal Quality Working group\n"
                        "    meaning: our local panel for complex cases\n")
    env = {**os.environ, "SFO_PRESCREEN_GLOSSARY_FILE": str(glossary)}
    proc = subprocess.run([sys.executable, "-m", "app.cli", "check", str(draft), "--format", "json"],
                          capture_output=True, text=True, env=env, timeout=120)
    finding = next(f for f in json.loads(proc.stdout)["findings"] if f["text"] == "ZQXW")
    assert finding["suggestion"].startswith("Zonal Quality Working group (ZQXW)")


def test_training_the_measure_model_on_a_corpus_without_actions_says_so(tmp_path: Path) -> None:
    (tmp_path / "action_plans").mkdir()
    (tmp_path / "splits.json").write_text(json.dumps({"train": {"reviews": []}, "dev": {"reviews": []},
                                                      "test": {"reviews": []}}), encoding="utf-8")
    (tmp_path / "action_plans" / "splits.json").write_text(json.dumps({"tune": [], "holdout": []}), encoding="utf-8")
    result = CliRunner().invoke(cli, ["train", "measures", "--corpus", str(tmp_path), "--out", str(tmp_path / "m")])
    assert result.exit_code == 2 and "too few gold actions" in result.output
    assert not (tmp_path / "m").exists()
