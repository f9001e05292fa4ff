"""Printed output: the pipeline diagram, the workshop handout as PDF and HTML, the printed plan.

PDFs are read back with pypdf: page count, page size and the text on each page (the diagram's
labels are text in the PDF too). When a headless Chromium is installed, the HTML handout is
printed by it once and its pages counted.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from pipeline_cli.documents import diagram, pdf
from pipeline_cli.documents.handout import render_handout
from pipeline_cli.documents.outputs import write_outputs
from pipeline_cli.pack.load import load_pack
from pipeline_cli.pack.records import STATUSES, Pack
from pipeline_cli.plan.build import build_plan

Run = Callable[..., Any]
TODAY = dt.date(2026, 12, 1)
LETTER = (612, 792)  # points
PASADENA = {"state": "CA", "county": "Los Angeles County", "city": "Pasadena"}


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def _pages(data: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def workshop(pack: Pack) -> dict[str, bytes]:
    return {lang: render_handout(pack, (lang,), "pdf", TODAY) for lang in ("en", "es")}


# --- the diagram -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "es"])
def test_diagram_draws_every_stage_and_handoff_in_the_language(pack: Pack, lang: str) -> None:
    svg = diagram.pipeline_svg(pack, lang)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    for tag in ("<script", "<image", "<foreignObject", "@import", "http://", "https://"):
        assert tag not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    words = _flat(svg)
    for s in pack.stages:
        assert s.title(lang).split()[0] in words
        assert len(s.touchpoints) == 0 or words.count("<rect") >= len(s.touchpoints)
    assert diagram.ICE(lang) in svg


def test_statuses_differ_without_colour() -> None:
    """Each status has its own symbol shape and its own line or fill, not only a hue."""
    shapes = {s: diagram.marker(s, 0, 0).split(" ")[0] for s in STATUSES}
    assert shapes["open"] == shapes["closed"] == "<circle"  # filled vs. hollow with a tick
    assert diagram.marker("open", 0, 0) != diagram.marker("closed", 0, 0)
    assert "<path" in diagram.marker("closed", 0, 0)  # the tick
    assert "stroke-dasharray" in diagram.marker("unknown", 0, 0)
    assert "?" in diagram.marker("unknown", 0, 0)
    assert shapes["required_by_state"] == "<path"  # a diamond
    styles = {s: diagram.STATUS[s][1:] for s in STATUSES}
    assert len({(fill, dash, arrow) for fill, _, dash, arrow in styles.values()}) == 4
    assert "url(#hatch)" in diagram.STATUS["required_by_state"][1]


def test_plan_diagram_has_a_legend_for_the_statuses_it_shows(pack: Pack) -> None:
    plan = build_plan(pack, PASADENA, TODAY)
    shown = {pt.status for ps in plan.stages for pt in ps.touchpoints}
    for lang in ("en", "es"):
        svg = diagram.plan_svg(plan, lang)
        for status in STATUSES:
            assert (diagram.STATUS[status][0](lang) in svg) == (status in shown)


# --- the workshop handout as PDF ---------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "es"])
def test_workshop_pdf_is_a_cover_a_page_a_stage_and_notes(
    pack: Pack, workshop: dict[str, bytes], lang: str
) -> None:
    pages = _pages(workshop[lang])
    assert len(pages) == len(pack.stages) + 2  # eight Letter pages for the default pack
    reader = PdfReader(io.BytesIO(workshop[lang]))
    assert all(tuple(map(round, p.mediabox[2:])) == LETTER for p in reader.pages)
    cover = _flat(pages[0])
    assert pack.title(lang) in cover
    assert ("How to read the diagram" if lang == "en" else "Cómo leer el diagrama") in cover
    assert pack.disclaimer(lang) in cover
    assert diagram.ICE(lang) in cover  # the diagram's own labels
    for s in pack.stages:
        assert s.touchpoints[0].title(lang).split()[0] in cover
    for n, s in enumerate(pack.stages, start=1):
        page = _flat(pages[n])
        word = "Stage" if lang == "en" else "Etapa"
        assert page.startswith(f"{word} {n} ")
        assert s.title(lang) in page
        for d in s.demands:
            assert d.title(lang) in page
    notes = _flat(pages[-1])
    assert notes.startswith("Notes" if lang == "en" else "Notas")
    # Said once, on the cover, not after every demand.
    whole = " ".join(pages)
    assert whole.count("(in some places only)") == whole.count("(solo en algunos lugares)") == 0
    assert whole.count("some places" if lang == "en" else "algunos lugares") == 1


def test_every_spanish_character_survives(pack: Pack, workshop: dict[str, bytes]) -> None:
    text = unicodedata.normalize("NFC", " ".join(_pages(workshop["es"])))
    source = render_handout(pack, ("es",), "md", TODAY).decode("utf-8")
    assert {c for c in source if c.isalpha() and ord(c) > 127} <= set(text)
    sample = "¿Qué año? ¡Sí! Güero, niña, acción: ÁÉÍÓÚÑÜ «comillas» — “citas”"
    printed = _flat(unicodedata.normalize("NFC", _pages(pdf.markdown_pdf(sample, "es"))[0]))
    assert sample in printed


def test_bilingual_back_to_back_alternates_and_side_by_side_is_landscape(pack: Pack) -> None:
    back = _pages(render_handout(pack, ("en", "es"), "pdf", TODAY, bilingual="back"))
    assert len(back) == 2 * (len(pack.stages) + 2)
    assert back[0].startswith(pack.title("en")) and back[1].startswith(pack.title("es"))
    assert back[2].startswith("Stage 1") and back[3].startswith("Etapa 1")
    side = PdfReader(io.BytesIO(render_handout(pack, ("en", "es"), "pdf", TODAY, bilingual="side")))
    assert all(p.mediabox[2] > p.mediabox[3] for p in side.pages)
    first = _flat(side.pages[0].extract_text())
    assert pack.title("en") in first and pack.title("es") in first


def test_study_style_keeps_the_long_form(pack: Pack) -> None:
    study = _pages(render_handout(pack, ("en",), "pdf", TODAY, style="study"))
    assert len(study) > len(pack.stages) + 2
    assert "How ICE gets in:" in " ".join(study)


def test_handout_command_writes_pdf_and_needs_a_file(run: Run, tmp_path: Path) -> None:
    refused = run("handout", "--format", "pdf")
    assert refused.exit_code != 0 and "-o" in refused.stderr
    target = tmp_path / "h.pdf"
    result = run("--lang", "es", "handout", "--format", "pdf", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF")
    assert _flat(_pages(target.read_bytes())[1]).startswith("Etapa 1")


# --- the printed plan --------------------------------------------------------------------------


def test_advise_pdf_plan_opens_on_the_colored_pipeline(pack: Pack, tmp_path: Path) -> None:
    plan = build_plan(pack, PASADENA, TODAY)
    written = write_outputs(plan, tmp_path, langs=("en", "es"), fmt="pdf")
    for lang in ("en", "es"):
        path = tmp_path / lang / "plan.pdf"
        assert path in written
        first = _flat(_pages(path.read_bytes())[0])
        assert "Pasadena" in first
        assert diagram.STATUS["open"][0](lang) in first  # the legend
        assert diagram.ICE(lang) in first
    letter = next(p for p in written if p.name == "letter.pdf")
    assert _pages(letter.read_bytes())


# --- the HTML, printed by a real browser -------------------------------------------------------


def _browser() -> str | None:
    return next(
        (b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None
    )


@pytest.mark.skipif(_browser() is None, reason="no headless Chromium installed")
def test_html_handout_prints_the_same_pages_in_a_browser(pack: Pack, tmp_path: Path) -> None:
    page = tmp_path / "handout.html"
    page.write_bytes(render_handout(pack, ("en",), "html", TODAY))
    out = tmp_path / "printed.pdf"
    cmd = [_browser() or "", "--headless", "--no-sandbox", "--disable-gpu"]
    cmd += ["--no-pdf-header-footer", f"--print-to-pdf={out}", page.as_uri()]
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)
    printed = _pages(out.read_bytes())
    assert len(printed) == len(pack.stages) + 2
    for n, s in enumerate(pack.stages, start=1):
        assert s.title("en") in _flat(printed[n])
