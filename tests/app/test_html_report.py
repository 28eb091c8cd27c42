from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from typer.testing import CliRunner

from app.cli import cli

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


class _Marks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.marks: list[str] = []
        self.scripts: list[str] = []
        self._in_mark = 0
        self._in_script = False
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "mark":
            self._in_mark += 1
            self.marks.append("")
        if tag == "script":
            self._in_script = True
        if tag in ("link", "img", "script") and any(k in ("src", "href") for k, _ in attrs):
            self.external.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._in_mark -= 1
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_mark:
            self.marks[-1] += data
        if self._in_script:
            self.scripts.append(data)


def test_html_report_highlights_every_finding_and_is_self_contained(tmp_path: Path) -> None:
    src = ROOT / "examples" / "sample_review.docx"
    out = tmp_path / "report.html"
    result = runner.invoke(cli, ["check", str(src), "--format", "html", "--output", str(out)])
    assert result.exit_code in (0, 1), result.output
    html = out.read_text()
    screening = json.loads(runner.invoke(cli, ["check", str(src), "--format", "json"]).stdout)
    parser = _Marks()
    parser.feed(html)
    marked = "".join(parser.marks)
    for f in screening["findings"]:
        if f["location"] and f["text"]:
            assert f["text"].split()[0] in marked
            assert f'id="{f["id"]}"' in html
    assert parser.external == [] and "Provisional ratings" in html and 'lang="en-GB"' in html
    assert 'aria-label="Ratings and findings"' in html and "@media print" in html


def test_document_text_is_inert(tmp_path: Path) -> None:
    src = tmp_path / "evil.md"
    src.write_text('# Review\n\n## Analysis of practice\n\n<script>alert(1)</script> <img src=x onerror="alert(2)"> '
                   '<a href="javascript:alert(3)">link</a> The OASys was late.\n')
    out = tmp_path / "r.html"
    runner.invoke(cli, ["check", str(src), "--format", "html", "--output", str(out)])
    html = out.read_text()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and '<a href="javascript' not in html
    parser = _Marks()
    parser.feed(html)
    assert len([s for s in parser.scripts if s.strip()]) == 1  # only the report's own script
