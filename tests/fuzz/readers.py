"""Coverage-guided fuzzing (atheris / libFuzzer) of the document readers.

    python -m tests.fuzz.readers TARGET SEED_DIR [libFuzzer options]

TARGET is `docx` (mutated package bytes), `docx-xml` (mutated body XML inside a valid package) or
`pdf` (mutated PDF bytes). An input is a failure when reading it raises anything but the reader's own
`IngestError` (which is the specific, user-facing refusal) or takes longer than `-timeout` seconds.
`write_seeds` puts small, valid fixtures in SEED_DIR to mutate from.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["app"]):
    from app.errors import IngestError
    from app.ingest import read_bytes
    from app.settings import Settings

SETTINGS = Settings()
BODY = "word/document.xml"


def write_seeds(folder: Path, target: str) -> None:
    """A few small, valid inputs for `target`, built in memory (and any regression inputs kept in tests)."""
    from tests.builders import review_pdf
    from tests.hostile_docs import small_docx

    folder.mkdir(parents=True, exist_ok=True)
    package = small_docx()
    if target == "docx":
        (folder / "small.docx").write_bytes(package)
    elif target == "docx-xml":
        (folder / "body.xml").write_bytes(zipfile.ZipFile(io.BytesIO(package)).read(BODY))
    else:
        (folder / "small.pdf").write_bytes(review_pdf([("Analysis of practice", ["The plan was not reviewed."])]))
    regressions = Path(__file__).parent / "regressions" / target
    for found in sorted(regressions.glob("*")) if regressions.exists() else []:
        (folder / found.name).write_bytes(found.read_bytes())


_PARTS: dict[str, bytes] = {}


def _package_with_body(body: bytes) -> bytes:
    if not _PARTS:
        from tests.hostile_docs import small_docx

        package = zipfile.ZipFile(io.BytesIO(small_docx()))
        _PARTS.update({name: package.read(name) for name in package.namelist()})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for name, part in _PARTS.items():
            dst.writestr(name, body if name == BODY else part)
    return out.getvalue()


def _read(data: bytes, name: str) -> None:
    try:
        read_bytes(data, name, SETTINGS)
    except IngestError:
        pass


def main() -> None:
    target = sys.argv[1]
    if target not in {"docx", "docx-xml", "pdf"}:
        raise SystemExit(f"unknown target {target!r}: docx, docx-xml or pdf")
    if target == "docx-xml":
        def one_input(data: bytes) -> None:
            _read(_package_with_body(data), "fuzz.docx")
    else:
        name = f"fuzz.{target}"

        def one_input(data: bytes) -> None:
            _read(data, name)
    if len(sys.argv) > 2 and Path(sys.argv[2]).is_dir() and not any(Path(sys.argv[2]).iterdir()):
        write_seeds(Path(sys.argv[2]), target)
    atheris.Setup([sys.argv[0], *sys.argv[2:]], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
