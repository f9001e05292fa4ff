"""DC and Puerto Rico name their own offices: no senators, a Delegate or Resident Commissioner,
the Metropolitan Police Department and the Mayor of the District."""

from __future__ import annotations

from pathlib import Path

from pipeline_cli.pack.load import load_pack
from pipeline_cli.plan import answers as ans
from pipeline_cli.plan.build import build_plan


def _titles(*pairs: str) -> dict[str, str]:
    pack = load_pack()
    plan = build_plan(pack, ans.gather(pack, None, pairs))
    return {t.role.id: t.title("en") for t in plan.targets}


def test_dc_offices() -> None:
    titles = _titles("state=DC", "county=District of Columbia", "city=Washington")
    assert titles["police_chief"].startswith("Chief of the Metropolitan Police Department")
    assert titles["mayor"] == "Mayor of the District of Columbia"
    assert "Delegate" in titles["member_of_congress"]
    assert "senator" not in titles["member_of_congress"]


def test_puerto_rico_has_a_resident_commissioner() -> None:
    titles = _titles("state=PR", "county=San Juan")
    assert "Resident Commissioner" in titles["member_of_congress"]
    assert "senator" not in titles["member_of_congress"]


def test_a_state_keeps_its_representative_and_senators() -> None:
    titles = _titles("state=TX", "county=Harris", "city=Houston")
    assert titles["member_of_congress"].startswith("Your U.S. representative and senators")
    assert titles["police_chief"] == "Chief of the Houston Police Department"


def test_dc_probation_defense_and_court_are_its_own_offices() -> None:
    """DC's probation is a federal agency (CSOSA), its defender the Public Defender Service and
    its trial court the Superior Court: no 'Chief Probation Officer of District of Columbia'."""
    titles = _titles("state=DC", "county=District of Columbia")
    assert titles["chief_probation_officer"].startswith(
        "Director, Court Services and Offender Supervision Agency"
    )
    assert (
        titles["public_defender"]
        == "Director, Public Defender Service for the District of Columbia"
    )
    assert titles["state_court"] == "Chief Judge, Superior Court of the District of Columbia"
    assert not any(
        f"{word} District of Columbia" in t for t in titles.values() for word in ("of", "for")
    )


def test_puerto_rico_public_defense_and_courts_by_their_own_names() -> None:
    """Puerto Rico's public defense is the Sociedad para Asistencia Legal, and its one court
    system is run by the Chief Justice through the Administrative Director of the Courts."""
    titles = _titles("state=PR", "county=San Juan")
    assert "Sociedad para Asistencia Legal" in titles["public_defender"]
    assert titles["state_court"].startswith("Chief Justice of Puerto Rico")


def test_a_title_variant_gives_its_own_greeting() -> None:
    """The form of address comes with the title (roles.yaml `greeting`), in both languages."""
    from pipeline_cli.documents import context as docdata
    from pipeline_cli.documents.render import Renderer

    pack = load_pack()
    plan = build_plan(pack, ans.gather(pack, None, ("state=DC", "county=District of Columbia")))
    target = next(t for t in plan.targets if t.role.id == "chief_probation_officer")
    renderer = Renderer(pack)
    en = renderer.document("letter", "en", docdata.target_doc(plan, target, "en"))
    es = renderer.document("letter", "es", docdata.target_doc(plan, target, "es"))
    assert "\nDear Director:\n" in en
    assert "\nHonorable titular de la Agencia de Servicios Judiciales" in es


def test_a_greeting_needs_both_languages(tmp_path: Path) -> None:
    import shutil

    from pipeline_cli.pack.load import default_pack_dir, inspect_pack

    root = tmp_path / "pack"
    shutil.copytree(default_pack_dir(), root, ignore=shutil.ignore_patterns("__pycache__"))
    roles = root / "roles.yaml"
    roles.write_text(
        roles.read_text().replace(
            'greeting: {en: "Chief Judge", es: "Honorable Juez Presidente o Jueza Presidenta del '
            'Tribunal Superior"}',
            'greeting: {en: "Chief Judge"}',
        )
    )
    _, problems = inspect_pack(root)
    assert any("greeting" in p and "missing 'es'" in p and "roles.yaml:" in p for p in problems)
