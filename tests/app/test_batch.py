from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from app.cli import cli

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def test_batch_screens_in_parallel_skips_broken_files_and_summarises(tmp_path: Path) -> None:
    src = tmp_path / "drafts"
    (src / "sub").mkdir(parents=True)
    shutil.copy(ROOT / "corpus/reviews/r04.docx", src)
    shutil.copy(ROOT / "corpus/reviews/r13.docx", src / "sub")
    (src / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    (src / "notes.json").write_text("{}")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["batch", str(src), "--out", str(out), "--jobs", "2", "--annotated"])
    assert result.exit_code == 1  # one file skipped
    assert "skipped" in result.stderr and "broken.pdf" in result.stderr
    assert json.loads((out / "r04.json").read_text())["document"]["filename"] == "r04.docx"
    assert (out / "sub__r13.json").exists() and (out / "sub__r13.annotated.docx").exists()
    rows = {r["file"]: r for r in csv.DictReader((out / "summary.csv").open())}
    assert rows["broken.pdf"]["status"].startswith("skipped:")
    assert rows["r04.docx"]["status"] == "screened" and rows["r04.docx"]["composite"]
    assert int(rows["r04.docx"]["identity.person-name"]) > 0
    themes = list(csv.DictReader((out / "themes.csv").open()))
    stage = next(r for r in themes if r["group"] == "practice stage analysed" and r["element"] == "assessment")
    assert stage["of"] == "2"
    assert "| assessment |" in (out / "themes.md").read_text()
