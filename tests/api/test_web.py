from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from api.main import create_app

ROOT = Path(__file__).resolve().parents[2]
client = TestClient(create_app())


def test_page_has_a_nonce_csp_matching_its_only_script() -> None:
    response = client.get("/")
    csp = response.headers["content-security-policy"]
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)  # type: ignore[union-attr]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert response.text.count("<script") == 1 and f'<script nonce="{nonce}">' in response.text
    assert client.get("/").headers["content-security-policy"] != csp  # a fresh nonce per response


def test_report_page_carries_the_annotated_copy() -> None:
    with (ROOT / "examples" / "sample_review.docx").open("rb") as fh:
        response = client.post("/report", files={"file": ("draft.docx", fh)})
    assert response.status_code == 200
    assert 'download="draft-annotated.docx"' in response.text and "data:application/vnd" in response.text
    assert "<mark" in response.text and "Provisional ratings" in response.text


def test_unreadable_upload_gives_the_page_back_with_the_reason() -> None:
    response = client.post("/report", files={"file": ("x.pdf", b"%PDF-1.4\n%%EOF")})
    assert response.status_code == 422
    assert 'role="alert"' in response.text and "could not be screened" in response.text
