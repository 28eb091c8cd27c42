from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from app.cli import cli
from app.ingest import read_path
from tests.builders import add_tracked_paragraph, docx_bytes

runner = CliRunner()


def _draft(tmp_path: Path) -> Path:
    d = docx.Document()
    d.add_heading("Case details", 1)
    p = d.add_paragraph("The victim, ")
    p.add_run("Chloe Brannigan").bold = True
    p.add_run(", lived at 14 Mossbank Terrace, Thornsett, HW7 3QZ, with her son, aged 6.")
    d.add_paragraph("Chloe later moved. Her phone was 07700 900123.")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "12/03/2026"
    table.cell(0, 1).text = "Ms Brannigan reported the assault."
    add_tracked_paragraph(d, "The SPO ", "agreed. ", "Chloe Brannigan was told by phone. ", "Done.")
    path = tmp_path / "draft.docx"
    path.write_bytes(docx_bytes(d))
    return path


def test_redacted_docx_replaces_every_mention_and_keeps_formatting(tmp_path: Path) -> None:
    src = _draft(tmp_path)
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    out = tmp_path / "redacted.docx"
    result = runner.invoke(cli, ["redact", str(src), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    text = "\n".join(b.text for b in read_path(out).blocks)
    for secret in ("Chloe", "Brannigan", "Mossbank", "HW7 3QZ", "07700 900123"):
        assert secret not in text
    assert text.count("[Victim 1]") == 3 and "[Address 1]" in text and "[Postcode 1]" in text
    assert "[Phone number 1]" in text and "aged 6" not in text
    reopened = docx.Document(str(out))
    assert any(r.bold and r.text == "[Victim 1]" for r in reopened.paragraphs[1].runs)
    assert reopened.paragraphs[0].style.name == "Heading 1"
    assert b"Chloe Brannigan was told" not in Path(out).read_bytes()  # tracked deletion removed too
    log = list(csv.DictReader((tmp_path / "redacted.redaction-log.csv").open()))
    assert {row["placeholder"] for row in log if row["kind"] == "person_name"} == {"[Victim 1]"}
    assert all(row["paragraph"].isdigit() for row in log)


def test_text_input_gives_text_output(tmp_path: Path) -> None:
    src = tmp_path / "draft.md"
    src.write_text("# Case details\n\nHer son, Tyler, attended Fernlea Primary School.\n")
    out = tmp_path / "red.txt"
    result = runner.invoke(cli, ["redact", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Tyler" not in out.read_text() and "[Child 1]" in out.read_text() and "[School 1]" in out.read_text()


@pytest.mark.parametrize("name", ["red.txt", "draft.docx"])
def test_wrong_extension_or_same_file_is_refused(tmp_path: Path, name: str) -> None:
    src = _draft(tmp_path)
    result = runner.invoke(cli, ["redact", str(src), "-o", str(tmp_path / name)])
    assert result.exit_code == 2
