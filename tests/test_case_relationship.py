"""How the writer knows the person: a choice the letter turns into a sentence, plus the
writer's own sentence, in both languages, never a label pasted into a sentence."""

from __future__ import annotations

from typing import Any

BOND = ("detainee_name=José Ramírez", "detention_facility=Adelanto ICE Processing Center",
        "writer_name=Ana Ruiz", "years_known=6 years", "character_facts=He cooks.")  # fmt: skip


def _case(run: Any, lang: str, kind: str, *sets: str) -> str:
    args = [a for s in sets for a in ("--set", s)]
    result = run("--lang", lang, "case", kind, *args)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def test_a_choice_and_the_writers_own_sentence(run: Any) -> None:
    detail = "relationship_detail=I am his pastor at Iglesia San Marcos, Pasadena"
    en = _case(run, "en", "bond_support", *BOND, "relationship=faith_leader", detail)
    assert (
        "I am a leader of José Ramírez's faith community. I am his pastor at Iglesia San "
        "Marcos, Pasadena. I have known José Ramírez for 6 years." in " ".join(en.split())
    )
    es = _case(run, "es", "bond_support", *BOND, "relationship=neighbor")
    assert "Vivo en el mismo vecindario que José Ramírez. Conozco a José Ramírez" in es
    assert "Cómo conozco" not in es and "How I know" not in en


def test_other_with_no_words_says_nothing_about_it(run: Any) -> None:
    en = _case(run, "en", "bond_support", *BOND, "relationship=other")
    assert "I have known José Ramírez for 6 years." in en and "Other" not in en


def test_a_pardon_supporter_and_the_applicant_write_differently(run: Any) -> None:
    base = ("applicant_name=María López", "convictions=Possession, 2009", "state=GA",
            "rehabilitation_evidence=Work.", "immigration_consequence=ICE cites it.")  # fmt: skip
    sister = _case(run, "es", "pardon", *base, "writer_name=Ana Ruiz", "relationship=family",
                   "relationship_detail=soy su hermana")  # fmt: skip
    assert "Soy familiar de María López. Soy su hermana. Les escribo en apoyo" in sister
    own = _case(run, "en", "pardon", *base, "writer_name=María L.", "relationship=self")
    assert "I write to ask" in own and "in support of" not in own
