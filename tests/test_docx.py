"""Word files open: read back with python-docx, and with LibreOffice where it is installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from pipeline_cli.documents.docx import to_docx
from pipeline_cli.documents.outputs import write_outputs
from tests.planfactory import PLACES, SIGNED, letters_pack, make_plan

MD = """# Letter to the Board

We **ask** you to act.

## 1. No holds

- Detainer holds (open here)
- Release dates

Ana\\
POP

## Sources

1. [A source](https://example.org/1)
2. [Another](https://example.org/2)

---

Not legal advice.
"""


def test_headings_paragraphs_and_lists_read_back(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(to_docx(MD, "es"))
    doc = docx.Document(str(path))
    rows = [(p.style.name, p.text) for p in doc.paragraphs]
    assert ("Heading 1", "Letter to the Board") in rows
    assert ("Heading 2", "1. No holds") in rows
    assert ("List Bullet", "Detainer holds (open here)") in rows
    assert ("Normal", "We ask you to act.") in rows
    assert ("Normal", "Ana\nPOP") in rows
    assert ("List", "2. Another (https://example.org/2)") in rows
    bold = [r.text for p in doc.paragraphs for r in p.runs if r.bold]
    assert bold == ["ask"]
    assert doc.core_properties.title == "Letter to the Board"
    assert doc.core_properties.language == "es"


def test_a_written_letter_reads_back_with_its_demands_and_signature(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "pack", letters_pack(), {**PLACES["ca_city"], **SIGNED})
    write_outputs(plan, tmp_path / "out", langs=("es",), fmt="docx")
    doc = docx.Document(str(tmp_path / "out" / "es" / "county_board" / "letter.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert plan.pack.demands()["no_holds"].ask("es") in text
    assert SIGNED["signer"] in text and plan.pack.disclaimer("es") not in text
    assert any(p.style.name.startswith("Heading") for p in doc.paragraphs)
    assert any(p.style.name == "List" and p.text.startswith("2. ") for p in doc.paragraphs)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_converts_a_letter_to_pdf(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "pack", letters_pack(), PLACES["ca_city"])
    write_outputs(plan, tmp_path / "out", langs=("en",), fmt="docx")
    letter = tmp_path / "out" / "en" / "sheriff" / "letter.docx"
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(letter)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "pdf" / "letter.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
