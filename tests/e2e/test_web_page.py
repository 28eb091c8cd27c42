"""End to end in headless Chromium (Debian's package, driven by Playwright): upload a draft, see the
highlights and ratings, download the annotated DOCX. `.ci/run` installs Chromium; without it this skips."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from tests.live_server import live_server

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("SFO_PRESCREEN_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(shutil.which(CHROMIUM) is None and not Path(CHROMIUM).exists(),
                                reason=f"Chromium not installed at {CHROMIUM} (.ci/run installs it)")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with live_server() as running:
        yield running.base


def test_upload_see_report_and_download_annotated_docx(server: str, tmp_path: Path) -> None:
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(accept_downloads=True)
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(server + "/")
        assert page.get_by_label("Drop a draft here, or choose one").count() == 1
        page.set_input_files("#file", str(ROOT / "examples" / "sample_review.docx"))
        page.get_by_role("button", name="Screen the draft").click()
        page.wait_for_selector("mark")
        assert page.locator("mark").count() >= 5
        assert "Composite" in page.locator("table.ratings").inner_text()
        page.check("#shade")
        assert "shade" in (page.get_attribute("body", "class") or "")
        with page.expect_download() as info:
            page.click("#download")
        target = tmp_path / "annotated.docx"
        info.value.save_as(target)
        browser.close()
    comments = [c.text for c in docx.Document(str(target)).comments]
    assert any(c.startswith("ERROR · acronym.undefined") for c in comments)
    assert not [e for e in errors if "Content Security Policy" in e]
