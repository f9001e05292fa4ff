"""A state law's standing is data, and the plan judges it on the day the plan is made."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from pipeline_cli.errors import PackError
from pipeline_cli.pack.load import load_pack
from pipeline_cli.pack.records import Pack
from pipeline_cli.plan.build import build_plan
from pipeline_cli.plan.records import Plan
from tests.advisepack import advise_pack
from tests.packfactory import t, write_pack

DAY = dt.date(2026, 12, 1)
TX = {"state": "TX", "county": "Harris County"}


def _tx_plan(tmp_path: Path, day: dt.date, **law: Any) -> Plan:
    files = advise_pack()
    files["states.yaml"]["states"]["TX"]["laws"][0].update(law)
    return build_plan(load_pack(write_pack(tmp_path, files)), TX, day)


def _status(plan: Plan, tp: str) -> str:
    return next(p.status for s in plan.stages for p in s.touchpoints if p.touchpoint.id == tp)


def _warning(plan: Plan, ident: str) -> str:
    return next(w.text.en for w in plan.warnings if w.id == ident)


# --- dates and statuses, on an inline pack -----------------------------------------------------


@pytest.mark.parametrize(
    ("law", "day", "binds"),
    [
        ({}, DAY, True),
        ({"effective": "2027-01-01"}, DAY, False),  # not yet in effect on the plan's day
        ({"effective": "2027-01-01"}, dt.date(2027, 1, 1), True),  # ...and from that day on
        ({"expires": "2026-06-30"}, DAY, False),  # expired before the plan's day
        ({"expires": "2026-06-30"}, dt.date(2026, 6, 29), True),
        (
            {"status": "not_yet_in_force", "effective": "2026-11-01", "status_note": t("Signed")},
            DAY,
            True,  # the effective date has come
        ),
    ],
)
def test_dates_are_judged_by_the_plan_day(
    tmp_path: Path, law: dict[str, Any], day: dt.date, binds: bool
) -> None:
    plan = _tx_plan(tmp_path, day, **law)
    assert (_status(plan, "detainer_hold") == "required_by_state") is binds
    assert ("requires_tx_sb4" in [w.id for w in plan.warnings]) is binds
    if not binds:
        text = _warning(plan, "standing_tx_sb4")
        assert ("takes effect on Jan 1 2027" in text) or ("expired on Jun 30 2026" in text)


def test_a_blocked_requires_law_requires_nothing(tmp_path: Path) -> None:
    note = t("Blocked by the U.S. District Court for the Western District of Texas.")
    plan = _tx_plan(tmp_path, DAY, status="enjoined", status_note=note, status_since="2024-02-29")
    assert _status(plan, "detainer_hold") != "required_by_state"
    assert all(not d.preempted for s in plan.stages for d in s.demands)
    text = _warning(plan, "standing_tx_sb4")
    assert "blocked in court (enjoined) since Feb 29 2024" in text
    assert "Western District of Texas" in text
    es = next(w.text.es for w in plan.warnings if w.id == "standing_tx_sb4")
    assert "bloqueada por un tribunal desde el 29 de febrero de 2024" in es


def test_a_partly_blocked_law_still_binds_and_says_so(tmp_path: Path) -> None:
    plan = _tx_plan(tmp_path, DAY, status="partly_enjoined", status_note=t("One clause blocked"))
    tp = next(p for s in plan.stages for p in s.touchpoints if p.touchpoint.id == "detainer_hold")
    assert tp.status == "required_by_state"
    assert "partly blocked in court" in tp.why.en
    assert "The rest of it applies." in _warning(plan, "standing_tx_sb4")


@pytest.mark.parametrize(
    ("law", "message"),
    [
        ({"status": "enjoined"}, "status enjoined needs a status_note"),
        ({"status": "sunset", "status_note": t("x")}, "status: 'sunset' is not one of"),
        ({"status_checked": None}, "needs status_checked"),
        ({"expires": "2020-01-01", "effective": "2021-01-01"}, "expires (2020-01-01) is not after"),
        ({"unverified": True}, "unverified: true needs unverified_reason"),
        ({"unverified_reason": t("why")}, "unverified_reason without unverified"),
        ({"status_since": "soon"}, "status_since: 'soon' is not a date"),
    ],
)
def test_law_keys_are_checked(tmp_path: Path, law: dict[str, Any], message: str) -> None:
    files = advise_pack()
    entry = files["states.yaml"]["states"]["TX"]["laws"][0]
    entry.update(law)
    for key in [k for k, v in law.items() if v is None]:
        del entry[key]
    with pytest.raises(PackError) as err:
        load_pack(write_pack(tmp_path, files))
    assert any(message in p and p.startswith("states.yaml:") for p in err.value.problems), (
        err.value.problems
    )


# --- the shipped pack --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def _plan(pack: Pack, **answers: str) -> Plan:
    return build_plan(pack, answers, DAY)


def test_frederick_county_md_names_the_287g_ban(pack: Pack) -> None:
    plan = _plan(pack, state="MD", county="Frederick County")
    demands = {d.demand.id for s in plan.stages for d in s.demands}
    assert not {"end_287g_jail", "end_287g_task_force"} & demands
    jail = next(p for s in plan.stages for p in s.touchpoints if p.touchpoint.id == "jail_287g")
    assert jail.status == "closed"
    assert "md_hb444" in [law.id for law in jail.laws]
    assert "HB 444" in jail.why.en and "HB 444" in jail.why.es
    # An organizer who says the sheriff still has one is told the state law already bars it.
    plan = _plan(pack, state="MD", county="Frederick County", has_287g="yes")
    barred = _warning(plan, "barred_end_287g_jail")
    assert "HB 444" in barred and "Attorney General" in barred


def test_texas_plans_name_both_sb4s_and_the_sb8_deadline(pack: Pack) -> None:
    plan = _plan(pack, state="TX", county="Harris County")
    text = " ".join(w.text.en for w in plan.warnings)
    assert "SB 4 (2017)" in text and "SB 4 (2023)" in text
    assert "Gov't Code ch. 752" in _warning(plan, "requires_tx_sb4_2017")
    assert "illegal entry" in _warning(plan, "requires_tx_sb4_2023")
    sb8 = _warning(plan, "requires_tx_sb8")
    assert "Dec 1 2026" in sb8
    es = next(w.text.es for w in plan.warnings if w.id == "requires_tx_sb8")
    assert "1 de diciembre de 2026" in es


# The states the fact audit (part A) names: each has its laws, each with a status and a source.
AUDITED = ("MD", "TX", "FL", "OK", "ID", "LA", "IA", "MT", "TN", "NC", "AL", "AR", "MS", "MO",
           "SC", "CA", "WA", "NJ", "CO", "IL", "CT", "OR")  # fmt: skip


@pytest.mark.parametrize("code", AUDITED)
def test_every_audited_state_has_laws_with_status_and_source(pack: Pack, code: str) -> None:
    laws = pack.states[code].laws
    assert laws, code
    for law in laws:
        assert law.status_checked == DAY, law.id
        assert law.sources and all(s in pack.sources for s in law.sources), law.id
        if law.status != "in_force":
            assert law.status_note is not None, law.id
        if law.unverified:
            assert law.unverified_reason is not None, law.id


def test_audited_laws_are_in_the_pack(pack: Pack) -> None:
    ids = {law.id for s in pack.states.values() for law in s.laws}
    expected = {
        "md_hb444", "md_hb16", "md_hb23", "tx_sb4_2017", "tx_sb4_2023", "tx_sb8", "fl_sb4c",
        "fl_sb1718", "ok_hb4156", "id_hb83", "la_sb208", "la_sb388", "ia_sf2340", "mt_hb200",
        "tn_sb6002", "tn_anti_sanctuary", "nc_hb318", "ca_ab668", "wa_eshb2567",
        "nj_detention_contracts", "co_sb25_276", "il_hb1312",
    }  # fmt: skip
    assert expected <= ids, expected - ids


def test_settled_laws_lost_their_unverified_flags(pack: Pack) -> None:
    laws = {law.id: law for s in pack.states.values() for law in s.laws}
    settled = ("md_hb16", "md_hb23", "ia_sf481", "tn_anti_sanctuary", "il_hb1312", "wa_eshb2567",
               "ca_ab32")  # fmt: skip
    assert not [x for x in settled if laws[x].unverified]
