"""`pipeline handout`: the trainer handout of the whole pipeline, checked against the pack."""

from __future__ import annotations

import datetime as dt
import html
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline_cli.pack.load import load_pack
from pipeline_cli.pack.records import Pack
from tests.packfactory import t

Run = Callable[..., Any]

EN_LABELS = (
    "The pipeline, stage by stage:",
    "## Stage 1 of",
    "### Handoff points to ICE",
    "**How ICE gets in:**",
    "**Who controls it:**",
    "### Demands",
    "**Ask:**",
    "**Why:**",
    "**Whom to press:**",
    "**Sources:**",
    "## Sources",
    "facts as of",
    "Written ",
)
ES_LABELS = (
    "La vía de la detención a la deportación, etapa por etapa:",
    "## Etapa 1 de",
    "### Vías de entrega a ICE",
    "**Cómo entra ICE:**",
    "**Quién la controla:**",
    "### Exigencias",
    "**Qué exigir:**",
    "**Por qué:**",
    "**A quién presionar:**",
    "**Fuentes:**",
    "## Fuentes",
    "datos vigentes al",
    "Generado el",
)


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def _in_order(text: str, parts: list[str]) -> None:
    """Each part appears in `text`, each after the one before."""
    pos = 0
    for part in parts:
        found = text.find(part, pos)
        assert found >= 0, f"{part!r} missing (or out of order)"
        pos = found + len(part)


_MESES = (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
).split()


def _day(d: dt.date) -> tuple[str, str]:
    """A date as the English stamp writes it (ISO) and as the Spanish one spells it out."""
    return d.isoformat(), f"{d.day} de {_MESES[d.month - 1]} de {d.year}"


def _dated(text: str, before: dt.date) -> bool:
    """The stamp carries the date of the run (read before and after, in case of midnight)."""
    return any(f in text for d in (before, dt.date.today()) for f in _day(d))


# --- the shipped pack ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "es"])
def test_handout_has_every_stage_handoff_and_demand_in_order(
    run: Run, pack: Pack, lang: str
) -> None:
    before = dt.date.today()
    result = run("--lang", lang, "handout", "--style", "study")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(f"# {pack.title(lang)}\n")
    assert pack.disclaimer(lang) in out
    stage, of = ("Etapa", "de") if lang == "es" else ("Stage", "of")
    parts: list[str] = []
    for n, s in enumerate(pack.stages, start=1):
        parts += [f"## {stage} {n} {of} {len(pack.stages)}: {s.title(lang)}\n", s.summary(lang)]
        for tp in s.touchpoints:
            parts += [f"#### {tp.title(lang)}", tp.how(lang)]
            names = ", ".join(pack.roles[r].name(lang) for r in tp.controlled_by)
            parts.append(names)
        for d in s.demands:
            parts += [f"#### {d.title(lang)}", d.ask(lang), d.why(lang)]
    _in_order(out, parts)
    # Every source cited in the handout is listed with its title and address.
    cited = {sid for s in pack.stages for sid in s.sources}
    for sid in cited:
        src = pack.sources[sid]
        assert (f"[{src.title}]({src.url})" if src.url else f". {src.title}\n") in out
    assert pack.version in out and any(f in out for f in _day(pack.as_of))
    assert _dated(out, before)


def test_overview_is_one_line_with_every_stage_in_order(run: Run, pack: Pack) -> None:
    out = run("handout", "--style", "study").stdout
    line = next(row for row in out.splitlines() if row.startswith("**The pipeline"))
    flow = " → ".join(f"{n}. {s.title('en')}" for n, s in enumerate(pack.stages, start=1))
    assert line.endswith(flow)


def test_spanish_handout_has_spanish_labels_and_no_english_ones(run: Run) -> None:
    out = run("--lang", "es", "handout", "--style", "study").stdout
    for label in ES_LABELS:
        assert label in out, label
    for label in EN_LABELS:
        assert label not in out, label


def test_both_languages_english_first_announced_at_the_top(run: Run, pack: Pack) -> None:
    out = run("--lang", "both", "handout", "--style", "study").stdout
    assert out.startswith("[Español más abajo]\n")
    english, spanish = out.split(f"\n# {pack.title('es')}\n")
    assert f"# {pack.title('en')}\n" in english
    for label in EN_LABELS:
        assert label in english and label not in spanish, label
    for label in ES_LABELS:
        assert label in spanish, label
    for s in pack.stages:
        assert s.title("en") in english and s.title("es") in spanish
    # Each language ends with its own stamp.
    assert english.rstrip().endswith(pack.disclaimer("en"))
    assert spanish.rstrip().endswith(pack.disclaimer("es"))


def test_one_stage_only(run: Run, pack: Pack) -> None:
    chosen, other = pack.stages[1], pack.stages[0]
    out = run("handout", "--style", "study", "--stage", chosen.id).stdout
    assert f"## Stage 2 of {len(pack.stages)}: {chosen.title('en')}" in out
    assert "## Stage 1 of" not in out

    def heading(title: str) -> str:  # a heading, maybe followed by a mark like (unverified)
        return rf"^#### {re.escape(title)}( \(|$)"

    for d in chosen.demands:
        assert re.search(heading(d.title("en")), out, flags=re.M), d.id
    for d in other.demands:
        assert not re.search(heading(d.title("en")), out, flags=re.M), d.id
    # The overview still shows the whole pipeline, with this stage marked.
    assert f"**2. {chosen.title('en')}**" in out
    assert f"1. {other.title('en')}" in out
    # Sources are numbered from 1 for this stage alone.
    numbered = re.findall(r"^(\d+)\. \[", out, flags=re.M)
    assert numbered == [str(n) for n in range(1, len(numbered) + 1)]


def test_unknown_stage_is_a_usage_error_with_a_suggestion(run: Run, pack: Pack) -> None:
    wanted = pack.stages[0].id
    result = run("handout", "--style", "study", "--stage", wanted[:-1])
    assert result.exit_code == 2
    assert f"did you mean '{wanted}'" in result.stderr
    for s in pack.stages:
        assert s.id in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("lang", ["en", "es", "both"])
def test_html_is_self_contained_and_links_only_sources(run: Run, pack: Pack, lang: str) -> None:
    result = run("--lang", lang, "handout", "--style", "study", "--format", "html")
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert page.startswith("<!doctype html>")
    assert f'<html lang="{"es" if lang == "es" else "en"}">' in page
    for tag in ("<script", "<link", "<img", "<iframe", "@import", "url("):
        assert tag not in page
    urls = {s.url for s in pack.sources.values()}
    links = [html.unescape(u) for u in re.findall(r'<a href="([^"]+)">', page)]
    assert links and set(links) <= urls
    # No other http(s) reference anywhere: remove the source links and look again.
    rest = re.sub(r'<a href="[^"]+">', "", page)
    assert not re.search(r"https?://", rest)
    # Prints one stage per page, the diagram (inline SVG) on the cover.
    assert "break-after: page" in page
    assert page.count("<svg") == (2 if lang == "both" else 1)
    for s in pack.stages:
        assert s.title("es" if lang == "es" else "en") in page


def test_html_escapes_pack_text(run: Run, make_pack: Any, pack_files: dict[str, Any]) -> None:
    pack_files["01-jail.yaml"]["title"] = t("Jail <b>&</b>", "Cárcel <b>&</b>")
    result = run(
        "--pack", str(make_pack(pack_files)), "handout", "--style", "study", "--format", "html"
    )
    assert "Jail &lt;b&gt;&amp;&lt;/b&gt;" in result.stdout
    assert "<b>" not in result.stdout


# --- writing a file --------------------------------------------------------------------------


def test_output_file_is_written_and_not_overwritten_without_force(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "new" / "folder" / "handout.html"
    result = run("handout", "--format", "html", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    first = target.read_text(encoding="utf-8")
    assert first.startswith("<!doctype html>")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600

    target.write_text("my notes", encoding="utf-8")
    again = run("handout", "-o", str(target))
    assert again.exit_code == 1
    assert str(target) in again.stderr and "--force" in again.stderr
    assert target.read_text(encoding="utf-8") == "my notes"

    forced = run("--lang", "es", "handout", "-o", str(target), "--force")
    assert forced.exit_code == 0, forced.output
    assert target.read_text(encoding="utf-8").startswith("# ")
    assert [p.name for p in target.parent.iterdir()] == ["handout.html"]  # no temp files left


# --- an inline pack --------------------------------------------------------------------------


def _inline(pack_files: dict[str, Any]) -> dict[str, Any]:
    """The minimal pack plus an unverified handoff and a demand that applies in some places."""
    stage = pack_files["01-jail.yaml"]
    stage["touchpoints"][0]["unverified"] = True
    stage["touchpoints"][0]["unverified_reason"] = t("One source only")
    stage["demands"].append(
        {"id": "no_interviews", "title": t("No ICE interviews", "Sin entrevistas de ICE"),
         "ask": t("Bar ICE from the jail"), "why": t("Interviews feed deportations"),
         "targets": [{"role": "sheriff", "when": "honors_detainers == 'yes'"},
                     "state_legislature"],
         "closes": [], "when": "city != ''", "sources": ["src2"]}
    )  # fmt: skip
    return pack_files


@pytest.mark.parametrize("lang", ["en", "es"])
def test_inline_pack_marks_unverified_and_conditional_items(
    run: Run, make_pack: Any, pack_files: dict[str, Any], lang: str
) -> None:
    root = make_pack(_inline(pack_files))
    result = run("--pack", str(root), "--lang", lang, "handout", "--style", "study")
    assert result.exit_code == 0, result.output
    out = result.stdout
    if lang == "en":
        assert "#### Detainer holds (unverified)\n" in out
        assert "#### No holds\n" in out  # verified: no mark
        assert "#### No ICE interviews (in some places only)\n" in out
        assert "**Whom to press:** Sheriff (in some places), Legislature\n" in out
        assert "## Stage 1 of 1: Jail" in out
    else:
        assert "#### Detainer holds (es) (sin verificar)\n" in out
        assert "#### Sin entrevistas de ICE (solo en algunos lugares)\n" in out
        assert "**A quién presionar:** Sheriff (es) (en algunos lugares), Legislature (es)" in out
        assert "## Etapa 1 de 1: Cárcel" in out
    assert "1. [A source](https://example.org/1)\n2. [Another source](https://example.org/2)" in out
    assert "mini" in out and "1.0" in out  # the stamp
    assert ("2026-01-01" if lang == "en" else "1 de enero de 2026") in out


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("# {{ pack.title }}\n\n{{ pack.nickname }}\n", 3, "nickname"),
        ("# x\n{% for s in stages %}\n{% for d in s.demands %}\n{{ d.target }}\n"
         "{% endfor %}\n{% endfor %}\n", 4, "target"),
        ("# x\n\n{{ place.name }}\n", 3, "place"),
    ],
    ids=["missing-attribute", "missing-in-loop", "plan-only-name"],
)  # fmt: skip
def test_validate_names_the_handout_template_line_of_a_missing_value(
    run: Run, make_pack: Any, pack_files: dict[str, Any], text: str, line: int, message: str
) -> None:
    root = make_pack(pack_files)
    own = root / "templates" / "es" / "handout.md.j2"
    own.parent.mkdir(parents=True)
    own.write_text(text, encoding="utf-8")
    result = run("validate", str(root))
    assert result.exit_code == 1
    hits = [row for row in result.stderr.splitlines() if row.startswith("templates/es/handout")]
    assert hits and hits[0].startswith(f"templates/es/handout.md.j2:{line}: "), result.stderr
    assert message in hits[0]
    # The handout command itself fails the same way, without a traceback.
    broken = run("--pack", str(root), "--lang", "es", "handout", "--style", "study")
    assert broken.exit_code == 1
    assert broken.stderr.startswith("error: templates/es/handout.md.j2:"), broken.stderr
