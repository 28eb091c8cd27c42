"""The web page for reviewing managers: drop or pick a draft, see the report, download the annotated DOCX.

No CDN and no build step: one HTML page and one small script, allowed by a per-response nonce in
the Content-Security-Policy. Nothing is stored: the report carries the annotated copy as a download.
"""

from __future__ import annotations

import base64
import secrets
from html import escape

from fastapi import APIRouter, UploadFile
from fastapi.responses import HTMLResponse

from api.deps import SettingsDep
from api.workers import run_in_worker, within_memory
from app.config import load_config
from app.errors import IngestError, PrescreenError
from app.ingest import read_bytes
from app.report.annotated_docx import AnnotationError, annotated_docx
from app.report.html import render_html
from app.screen import load_engine, screen_review
from app.settings import Settings

router = APIRouter(tags=["web page"])
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>sfo-prescreen: pre-screen a review draft</title>
<style>
body{{font-family:system-ui,Segoe UI,Arial,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}}
h1{{color:#1d4f91}}#drop{{border:3px dashed #1d4f91;border-radius:8px;padding:2rem;text-align:center;margin:1rem 0}}
#drop.over{{background:#eef3f8}}button{{font-size:1rem;padding:.5rem 1rem;background:#1d4f91;color:#fff;border:0;
border-radius:4px}}:focus{{outline:3px solid #ffbf47}}.note{{color:#505050}}.error{{color:#b3261e;font-weight:700}}
</style></head>
<body><main>
<h1>Pre-screen an SFO review draft</h1>
<p>Checks a draft against the four HMI Probation standards: acronyms and jargon, identifying details,
victim language, analysis, judgements, learning and the action plan — with provisional ratings.</p>
{error}
<form id="upload" method="post" action="/report" enctype="multipart/form-data">
<div id="drop"><label for="file">Drop a draft here, or choose one (.docx, .pdf, .txt, .md)</label><br><br>
<input id="file" name="file" type="file" accept=".docx,.pdf,.txt,.md" required></div>
<button type="submit">Screen the draft</button>
</form>
<p class="note">Nothing is stored: the draft is read, screened and discarded.</p>
</main>
<script nonce="{nonce}">
var drop=document.getElementById('drop'),input=document.getElementById('file');
['dragenter','dragover'].forEach(function(t){{drop.addEventListener(t,function(e){{e.preventDefault();
 drop.classList.add('over');}});}});
['dragleave','drop'].forEach(function(t){{drop.addEventListener(t,function(){{drop.classList.remove('over');}});}});
drop.addEventListener('drop',function(e){{e.preventDefault();input.files=e.dataTransfer.files;
 document.getElementById('upload').submit();}});
</script></body></html>
"""


def _csp(nonce: str) -> dict[str, str]:
    policy = (f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; img-src data:; "
              "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
    return {"Content-Security-Policy": policy, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


def _page(error: str = "", status: int = 200) -> HTMLResponse:
    nonce = secrets.token_urlsafe(16)
    block = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    return HTMLResponse(PAGE.format(nonce=nonce, error=block), status_code=status, headers=_csp(nonce))


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home() -> HTMLResponse:
    return _page()


def build_report(data: bytes, name: str, nonce: str, settings: Settings) -> tuple[str, bytes]:
    """The HTML report and the annotated DOCX of one draft (runs in a screening worker)."""
    return within_memory(_report, data, name, nonce, settings, megabytes=settings.worker_memory_mb)


def _report(data: bytes, name: str, nonce: str, settings: Settings) -> tuple[str, bytes]:
    review = read_bytes(data, name, settings)
    screening = screen_review(review, load_engine(settings), load_config(settings.config_file))
    return render_html(review, screening, nonce=nonce), annotated_docx(data, review, screening, settings)


@router.post("/report", response_class=HTMLResponse, include_in_schema=False)
async def report(file: UploadFile, settings: SettingsDep) -> HTMLResponse:
    data = await file.read(settings.max_file_bytes + 1)
    name = file.filename or "draft"
    nonce = secrets.token_urlsafe(16)
    try:
        if len(data) > settings.max_file_bytes:
            raise IngestError("too_large", f"the file is larger than the limit of {settings.max_file_mb:g} MB")
        html, annotated = await run_in_worker(settings, build_report, data, name, nonce, settings)
    except (PrescreenError, AnnotationError) as exc:
        return _page(f"This draft could not be screened: {exc}", status=422)
    stem = name.rsplit(".", 1)[0]
    link = (f'<p><a id="download" download="{escape(stem, quote=True)}-annotated.docx" '
            f'href="data:{DOCX_TYPE};base64,{base64.b64encode(annotated).decode()}">Download the annotated Word '
            f'document</a> · <a href="/">Screen another draft</a></p>')
    html = html.replace("</header>", f"{link}</header>", 1)
    return HTMLResponse(html, headers=_csp(nonce))
