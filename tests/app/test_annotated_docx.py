"""The annotated copy: every comment anchored on exactly the flagged text; the draft otherwise unchanged."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from typer.testing import CliRunner

from app.cli import cli
from app.ingest import read_path
from tests.builders import add_tracked_paragraph, docx_bytes

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def anchored_texts(path: Path) -> dict[str, str]:
    """Comment id -> the text between its commentRangeStart and commentRangeEnd, in document order."""
    body = docx.Document(str(path)).element.body
    open_ids: dict[str, list[str]] = {}
    done: dict[str, str] = {}
    for el in body.iter():
        if el.tag == qn("w:commentRangeStart"):
            open_ids[el.get(qn("w:id"))] = []
        elif el.tag == qn("w:commentRangeEnd"):
            cid = el.get(qn("w:id"))
            done[cid] = "".join(open_ids.pop(cid, []))
        elif el.tag == qn("w:t") and not any(a.tag == qn("w:del") for a in el.iterancestors()):
            for parts in open_ids.values():
                parts.append(el.text or "")
    return done


def _check(src: Path, out: Path) -> tuple[dict[str, object], dict[str, str], list[str]]:
    result = runner.invoke(cli, ["check", str(src), "--format", "json"])
    screening = json.loads(result.stdout)
    result = runner.invoke(cli, ["check", str(src), "--format", "docx", "--output", str(out)])
    assert result.exit_code in (0, 1), result.output
    comments = [c.text for c in docx.Document(str(out)).comments]
    return screening, anchored_texts(out), comments


def test_every_finding_is_a_comment_on_its_exact_text(tmp_path: Path) -> None:
    screening, anchors, comments = _check(ROOT / "examples" / "sample_review.docx", tmp_path / "a.docx")
    placed = [f for f in screening["findings"] if f["location"] and f["text"]]  # type: ignore[union-attr]
    assert len(comments) == len(placed) + 1
    assert comments[-1].startswith("sfo-prescreen pre-screen (provisional")
    assert "Composite:" in comments[-1]
    anchored = Counter(anchors.values())
    for text, n in Counter(f["text"] for f in placed).items():
        assert anchored[text] >= n, text
    assert all(c.startswith(("ERROR", "WARNING", "INFO", "sfo-prescreen")) for c in comments)
    original = [b.text for b in read_path(ROOT / "examples" / "sample_review.docx").blocks]
    assert [b.text for b in read_path(tmp_path / "a.docx").blocks] == original


def test_formatting_tracked_changes_and_existing_comments_are_kept(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("Analysis of practice", 1)
    p = d.add_paragraph("The ")
    p.add_run("OASys").bold = True
    p.add_run(" was late and the MARAC was not told.")
    d.add_comment(p.runs[0], text="Reviewer: check the date", author="Inspector")
    add_tracked_paragraph(d, "The SPO ", "did not ", "promptly ", "review the plan.")
    src = tmp_path / "draft.docx"
    src.write_bytes(docx_bytes(d))
    out = tmp_path / "annotated.docx"
    _, anchors, comments = _check(src, out)
    assert "OASys" in anchors.values() and "MARAC" in anchors.values()
    assert any(c == "Reviewer: check the date" for c in comments)
    reopened = docx.Document(str(out))
    assert any(r.bold and r.text == "OASys" for r in reopened.paragraphs[1].runs)
    xml = reopened.element.xml
    assert "w:ins" in xml and "promptly" in xml  # the tracked deletion is still a tracked deletion


@pytest.mark.parametrize("source", ["corpus/reviews_pdf/r04.pdf", "text"])
def test_pdf_and_text_drafts_get_an_annotated_word_rendering(tmp_path: Path, source: str) -> None:
    if source == "text":
        src = tmp_path / "draft.md"
        src.write_text("# Review\n\n## Analysis of practice\n\nThe OASys was late. Her son, Tyler, was 6.\n")
    else:
        src = ROOT / source
    out = tmp_path / "annotated.docx"
    screening, anchors, comments = _check(src, out)
    placed = [f for f in screening["findings"] if f["location"] and f["text"]]  # type: ignore[union-attr]
    assert placed and len(comments) == len(placed) + 1
    for f in placed:
        assert f["text"] in anchors.values()


def test_docx_format_needs_an_output_file() -> None:
    result = runner.invoke(cli, ["check", str(ROOT / "examples" / "sample_review.docx"), "--format", "docx"])
    assert result.exit_code == 2 and "--output" in result.stderr
