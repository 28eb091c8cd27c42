"""Ingest speed and memory: a 20,000-word DOCX and a 50-page PDF, built here from invented text.

Prints parse time (best and median of several runs) and peak memory (Python heap via tracemalloc,
and the peak resident set size of a fresh process that only parses). Run: python benchmarks/ingest.py
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import docx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.ingest import read_bytes  # noqa: E402
from tests.builders import docx_bytes, review_pdf  # noqa: E402

RUNS = 5
SENTENCE = ("The practitioner completed the assessment on 3 May 2026 but did not request police information, "
            "because the caseload was high and supervision had lapsed. ")
HEADINGS = ("Introduction", "Case details", "Chronology", "Analysis of practice", "Assessment", "Planning",
            "Implementation and delivery", "Reviewing", "Overall judgements", "Learning", "Action plan")


def big_docx(words: int = 20_000) -> bytes:
    d = docx.Document()
    per_para = 2
    paragraphs = words // (len(SENTENCE.split()) * per_para)
    for i in range(paragraphs):
        if i % 20 == 0:
            d.add_heading(HEADINGS[(i // 20) % len(HEADINGS)], 1)
        d.add_paragraph(SENTENCE * per_para)
    table = d.add_table(rows=40, cols=3)
    for r in range(40):
        for c in range(3):
            table.cell(r, c).text = f"{r:02d}/03/2026 contact {c}"
    return docx_bytes(d)


def big_pdf(pages: int = 50) -> bytes:
    """A PDF of at least `pages` pages, with headings, a running header, page numbers and a ruled table."""
    per_section = 6
    table = [("Date", "Event")] + [(f"{i:02d}/04/2026", "Contact at the office.") for i in range(1, 15)]
    n_sections = pages * 2 // 3
    while True:
        sections = [(HEADINGS[i % len(HEADINGS)], [SENTENCE * 5] * per_section) for i in range(n_sections)]
        data = review_pdf(sections, table=table)
        if (read_bytes(data, "probe.pdf").pages or 0) >= pages:
            return data
        n_sections += 3


def timed(data: bytes, name: str) -> tuple[float, float, int]:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        read_bytes(data, name)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    read_bytes(data, name)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return min(times), statistics.median(times), peak


def rss_of_fresh_parse(path: Path) -> float:
    code = ("import sys,resource;from pathlib import Path;from app.ingest import read_bytes;"
            f"read_bytes(Path({str(path)!r}).read_bytes(), 'x');"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    return int(out.stdout.strip()) / 1024


def main() -> None:
    cpus = len(os.sched_getaffinity(0))
    print(f"machine: {platform.machine()} cpus={cpus} python={platform.python_version()} "
          f"date={time.strftime('%Y-%m-%d')}")
    tmp = Path("/tmp")
    for label, data, name in (("DOCX 20,000 words", big_docx(), "big.docx"), ("PDF 50 pages", big_pdf(), "big.pdf")):
        review = read_bytes(data, name)
        best, median, peak = timed(data, name)
        path = tmp / f"sfo-bench-{name}"
        path.write_bytes(data)
        rss = rss_of_fresh_parse(path)
        path.unlink()
        print(f"{label}: {len(data) / 1e6:.2f} MB, words={review.word_count}, pages={review.pages}, "
              f"blocks={len(review.blocks)}; parse best={best:.3f}s median={median:.3f}s; "
              f"python heap peak={peak / 1e6:.1f} MB; fresh-process peak RSS={rss:.0f} MB")
    print(f"(self RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
