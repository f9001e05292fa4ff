"""PDF engine benchmark: typst (the engine `--format pdf` uses) against fpdf2 (pure Python).

Run with the project's interpreter after `pip install -e '.[dev]'` (fpdf2 is a dev extra):
`.venv/bin/python bench/pdf.py [--runs N]`. Both engines print the same workshop handout
(English, the default pack); the medians of N runs are compared, per document and per page,
with each engine's installed size. fpdf2 gets the simplest fair layout: the same blocks as
plain paragraphs in a built-in core font, no diagram (it would need an SVG-to-PDF step and a
Unicode font for "→" and curly quotes). WeasyPrint is not measured: it needs the system's Pango.
This is a benchmark, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import io
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

from pipeline_cli.documents import printblocks
from pipeline_cli.documents.handout import render_handout
from pipeline_cli.pack.load import load_pack

TODAY = dt.date(2026, 12, 1)
PACK = load_pack()  # loaded once: the benchmark times the printing, not the YAML


def _size_mb(*packages: str) -> float:
    total = 0
    for name in packages:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            continue
        for folder in spec.submodule_search_locations:
            total += sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())
    return total / 1e6


def typst_pdf() -> bytes:
    return render_handout(PACK, ("en",), "pdf", TODAY)


def fpdf2_pdf() -> bytes:
    from fpdf import FPDF

    markdown = render_handout(PACK, ("en",), "md", TODAY).decode("utf-8")
    doc = FPDF(format="letter")
    doc.set_margins(18, 15)
    doc.add_page()
    for b in printblocks.parse(markdown):
        if b.kind == "heading" and b.level <= 2 and doc.page_no() and doc.get_y() > 20:
            doc.add_page()
        size = {1: 20, 2: 14, 3: 12}.get(b.level, 10.5) if b.kind == "heading" else 10.5
        doc.set_font("helvetica", "B" if b.kind == "heading" else "", size)
        texts = [printblocks.plain(b.spans)] if b.kind in ("heading", "para") else []
        texts += ["- " + printblocks.plain(i) for i in b.items]
        for text in texts:
            safe = text.encode("latin-1", "replace").decode("latin-1")  # core fonts: Latin-1
            doc.multi_cell(0, size * 0.45, safe, new_x="LMARGIN", new_y="NEXT")
    return bytes(doc.output())


def measure(make: Callable[[], bytes], runs: int) -> tuple[float, bytes]:
    make()  # warm: imports, fonts, templates
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        data = make()
        times.append(time.perf_counter() - start)
    return statistics.median(times), data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rendering, _ = measure(lambda: render_handout(PACK, ("en",), "md", TODAY), args.runs)
    engines = {
        "typst": (typst_pdf, ("typst",)),
        "fpdf2": (fpdf2_pdf, ("fpdf", "fontTools", "PIL", "defusedxml")),
    }
    print(f"the handout's Markdown alone: {rendering * 1000:.0f} ms")
    print(f"{'engine':8} {'document':>9} {'pages':>6} {'per page':>9} {'installed':>10}")
    for name, (make, packages) in engines.items():
        seconds, data = measure(make, args.runs)
        pages = len(PdfReader(io.BytesIO(data)).pages)
        per_page = (seconds - rendering) / pages * 1000
        size = _size_mb(*packages)
        print(f"{name:8} {seconds * 1000:7.0f} ms {pages:6d} {per_page:6.0f} ms {size:7.0f} MB")


if __name__ == "__main__":
    main()
