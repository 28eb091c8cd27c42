"""Render the annotated sample to PDF (comments in the margin) and PNG pages, to look at it.

Needs LibreOffice and poppler-utils from Debian's packages (apt-get install libreoffice-writer-nogui
poppler-utils). Run: python benchmarks/render_annotated.py [OUT_DIR]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PDF_FILTER = 'pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"}}'


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/sfo-prescreen-render")
    out.mkdir(parents=True, exist_ok=True)
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            print(f"{tool} is not installed: apt-get install libreoffice-writer-nogui poppler-utils")
            return 2
    annotated = out / "sample_annotated.docx"
    cli = Path(sys.executable).parent / "sfo-prescreen"
    subprocess.run([str(cli), "check", str(ROOT / "examples/sample_review.docx"), "--format", "docx",
                    "--output", str(annotated)], check=False)
    subprocess.run(["soffice", "--headless", "--convert-to", PDF_FILTER, "--outdir", str(out), str(annotated)],
                   check=True, capture_output=True, timeout=180)
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(out / "sample_annotated.pdf"), str(out / "page")],
                   check=True, capture_output=True)
    print("\n".join(str(p) for p in sorted(out.glob("*"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
