"""`pipeline batch FILE.csv --out DIR`: the tree, `county=*`, bad rows, reruns, BOM and stdin."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import us

from pipeline_cli.documents import writers
from pipeline_cli.documents.outputs import jobs
from pipeline_cli.pack.load import load_pack
from pipeline_cli.plan.build import build_plan
from tests.advisepack import _state
from tests.packfactory import t, write_pack
from tests.planfactory import letters_pack

Run = Callable[..., Any]
CSV = "state,county,city\nCA,Los Angeles,Pasadena\nTX,Harris County,\nCT,Hartford,Hartford\n"
FOLDERS = {
    2: "CA/los-angeles-county/pasadena",
    3: "TX/harris-county",
    4: "CT/hartford-county/hartford",
}


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    files = letters_pack()
    files["states.yaml"]["states"]["DE"] = _state("Delaware", legislature=t("General Assembly"))
    return write_pack(tmp_path / "pack", files)


def batch(
    run: Run, pack: Path, csv: Path | str, out: Path, *opts: str, lang: str = "en", **kw: Any
) -> Any:
    """`pipeline --pack PACK --lang LANG batch CSV --out OUT OPTS...`"""
    return run(
        "--pack", str(pack), "--lang", lang, "batch", str(csv), "--out", str(out), *opts, **kw
    )


def write_csv(tmp_path: Path, text: str, name: str = "places.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in root.rglob("*")
        if p.is_file()
    }


def expected(pack: Path, answers: dict[str, str], langs: tuple[str, ...]) -> set[str]:
    """What `advise --out` writes for these answers (plan, letters, scripts, index)."""
    plan = build_plan(load_pack(pack), answers)
    root = Path("/x")
    return {j.path.relative_to(root).as_posix() for j in jobs(plan, root, langs, "md")} | {
        "index.md"
    }


def test_each_row_gets_the_advise_tree_in_its_own_folder(
    run: Run, pack: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = batch(run, pack, write_csv(tmp_path, CSV), out, lang="both")
    assert result.exit_code == 0, result.output
    files = set(snapshot(out))
    places = {
        2: {"state": "CA", "county": "Los Angeles County", "city": "Pasadena"},
        3: {"state": "TX", "county": "Harris County"},
        4: {"state": "CT", "county": "Hartford County", "city": "Hartford"},
    }
    want = {"index.md"}
    for line, answers in places.items():
        own = expected(pack, answers, ("en", "es"))
        assert any("/letter.md" in f for f in own)
        want |= {f"{FOLDERS[line]}/{f}" for f in own}
    assert files == want  # exactly that: no temp files, nothing else
    letter = (out / FOLDERS[3] / "en" / "governor" / "letter.md").read_text()
    assert "Harris County, Texas" in letter
    index = (out / "index.md").read_text()
    for line, folder in FOLDERS.items():
        assert f"| {line} |" in index and f"]({folder}/index.md)" in index
    assert "Condado de Harris" in index  # the Spanish section names counties in Spanish
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == (
        f"batch: 3 row(s), 3 jurisdiction(s), {len(want)} file(s) written, 0 skipped, in {out}"
    )
    # No bar (stderr is not a terminal), but a line every few seconds and at the end.
    assert lines[-2].startswith("batch: 3/3 ") and all(x.startswith("batch: ") for x in lines)


def test_star_writes_one_folder_per_county_of_the_state(
    run: Run, pack: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = batch(run, pack, write_csv(tmp_path, "state,county\nDelaware,*\n"), out)
    assert result.exit_code == 0, result.output
    census = [c.name for c in us.states.DE.counties]
    assert len(census) > 1
    folders = {p.name for p in (out / "DE").iterdir()}
    assert folders == {name.lower().replace(" ", "-") for name in census}
    for name in census:
        plan = (out / "DE" / name.lower().replace(" ", "-") / "en" / "plan.md").read_text()
        assert name in plan
    assert f"{len(census)} jurisdiction(s)" in result.stderr


def test_bad_rows_are_all_named_and_nothing_is_written(
    run: Run, pack: Path, tmp_path: Path
) -> None:
    text = (
        "state,county,city,honors_detainer\n"  # unknown column: line 1
        "CA,Los Angeles,Pasadena,yes\n"
        "CA,Nowhere County,,\n"  # line 3: unknown county
        "\n"
        "TX,Harris,,maybe,extra\n"  # line 5: too many cells
        "ZZ,Kent,,\n"  # line 6: not a state
        "DE,*,Dover\n"  # line 7: a city with every county
        "CA,Los Angeles County,Pasadena\n"  # line 8: same folder as line 2
        "CT\n"  # line 9: no county
    )
    out = tmp_path / "out"
    result = batch(run, pack, write_csv(tmp_path, text), out)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    name = str(tmp_path / "places.csv")
    assert (
        f"{name}:1: unknown answer key 'honors_detainer' (did you mean 'honors_detainers'?)"
        in (lines[0])
    )
    starts = [line.split(": ", 1)[0] for line in lines[:-1]]
    assert starts == [f"{name}:{n}" for n in (1, 3, 5, 6, 7, 8, 9)]
    assert "county: 'Nowhere County' is not a county of CA" in lines[1]
    assert "5 cells but 4 columns" in lines[2]
    assert "state: 'ZZ' is not a US state" in lines[3]
    assert "city:" in lines[4]
    assert "line 2" in lines[5]
    assert "county: missing" in lines[6]
    assert (
        lines[-1] == f"error: 7 problem(s) in {name}; fix them and run again (nothing was written)"
    )
    assert not out.exists()


def test_a_bad_value_is_checked_like_set(run: Run, pack: Path, tmp_path: Path) -> None:
    csv = write_csv(tmp_path, "state,county,honors_detainers\nCA,Los Angeles,perhaps\n")
    result = batch(run, pack, csv, tmp_path / "out")
    assert result.exit_code == 1
    same = run("--pack", str(pack), "advise", "--set", "state=CA", "--set", "county=Los Angeles",
               "--set", "honors_detainers=perhaps")  # fmt: skip
    message = same.stderr.split("--set: ", 1)[1].strip()
    assert result.stderr.splitlines()[0] == f"{csv}:2: {message}"
    assert not (tmp_path / "out").exists()


def test_rerun_refuses_then_skip_existing_and_force(run: Run, pack: Path, tmp_path: Path) -> None:
    csv, out = write_csv(tmp_path, CSV), tmp_path / "out"
    assert batch(run, pack, csv, out).exit_code == 0
    before = snapshot(out)
    again = batch(run, pack, csv, out)
    assert again.exit_code == 1
    assert "already exist; nothing was written" in again.stderr
    assert snapshot(out) == before
    skip = batch(run, pack, csv, out, "--skip-existing")
    assert skip.exit_code == 0, skip.output
    assert f"0 file(s) written, {len(before)} skipped" in skip.stderr
    assert snapshot(out) == before
    forced = batch(run, pack, csv, out, "--force")
    assert forced.exit_code == 0
    after = snapshot(out)
    assert set(after) == set(before)
    assert all(after[f][1] != before[f][1] for f in before)


def test_adding_a_row_with_skip_existing_writes_only_the_new_jurisdiction(
    run: Run, pack: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert batch(run, pack, write_csv(tmp_path, "state,county\nTX,Harris\n"), out).exit_code == 0
    before = snapshot(out)
    csv = write_csv(tmp_path, "state,county\nTX,Harris\nTX,Travis\n")
    result = batch(run, pack, csv, out, "--skip-existing")
    assert result.exit_code == 0, result.output
    after = snapshot(out)
    assert {f: after[f] for f in before} == before
    assert any(f.startswith("TX/travis-county/") for f in after)


def test_bom_crlf_short_rows_and_case_of_headers(run: Run, pack: Path, tmp_path: Path) -> None:
    csv = tmp_path / "excel.csv"
    csv.write_bytes("\ufeffState,County,City\r\nCA,Los Angeles\r\n\r\n".encode())
    out = tmp_path / "out"
    result = batch(run, pack, csv, out)
    assert result.exit_code == 0, result.output
    assert (out / "CA" / "los-angeles-county" / "plan.json").is_file()


def test_stdin(run: Run, pack: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = batch(run, pack, "-", out, input="\ufeffstate,county\nCT,Hartford\n")
    assert result.exit_code == 0, result.output
    assert (out / "CT" / "hartford-county" / "plan.json").is_file()
    assert "<stdin>" in (out / "index.md").read_text()
    bad = batch(run, pack, "-", tmp_path / "out2", input="state,county\nCT,Hartfort\n")
    assert bad.exit_code == 1
    assert bad.stderr.startswith("<stdin>:2: county: 'Hartfort' is not a county of CT")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no rows"),
        ("state,county\n", "no rows after the header"),
        ("state,city\nCA,Pasadena\n", ":1: no 'county' column"),
    ],
)
def test_empty_or_headless_input(
    run: Run, pack: Path, tmp_path: Path, text: str, message: str
) -> None:
    result = batch(run, pack, write_csv(tmp_path, text), tmp_path / "out")
    assert result.exit_code == 1
    assert message in result.stderr
    assert not (tmp_path / "out").exists()


def test_ctrl_c_stops_with_130_and_leaves_only_whole_files(
    run: Run, pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = writers.write_atomic
    calls = []

    def interrupt_on_the_tenth(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 10:
            raise KeyboardInterrupt
        real(path, data)

    monkeypatch.setattr(writers, "write_atomic", interrupt_on_the_tenth)
    csv, out = write_csv(tmp_path, CSV), tmp_path / "out"
    result = batch(run, pack, csv, out, "--jobs", "1")  # one process: the tenth write is known
    assert result.exit_code == 130
    assert (
        f"finish with: pipeline --pack {pack} batch {csv} --out {out} --format md --skip-existing"
        in (result.stderr)
    )
    written = snapshot(out)
    # nine whole files, and an index (written directly) of what was done and how to finish
    assert len(written) == 10 and not any(".tmp" in f for f in written)
    assert f"listed in {out / 'index.md'}" in result.stderr
    assert "--skip-existing" in (out / "index.md").read_text()
    monkeypatch.setattr(writers, "write_atomic", real)
    done = batch(run, pack, csv, out, "--skip-existing")
    assert done.exit_code == 0
    assert "9 skipped" in done.stderr
    batch(run, pack, csv, tmp_path / "clean")
    assert (out / "index.md").read_text() == (tmp_path / "clean" / "index.md").read_text()


def test_force_and_skip_existing_together_is_a_usage_error(
    run: Run, pack: Path, tmp_path: Path
) -> None:
    csv = write_csv(tmp_path, CSV)
    result = batch(run, pack, csv, tmp_path / "out", "--force", "--skip-existing")
    assert result.exit_code == 2
    assert "--force or --skip-existing" in result.stderr
    assert not (tmp_path / "out").exists()


def _default_pack_validates() -> bool:
    from pipeline_cli.cli.validate import validate_pack

    try:
        return not validate_pack(None)[0]
    except Exception:
        return False


@pytest.mark.skipif(not _default_pack_validates(), reason="the default pack is being written")
def test_default_pack_writes_letters_for_real_jurisdictions(run: Run, tmp_path: Path) -> None:
    text = CSV + "DE,*,\n"
    out = tmp_path / "out"
    result = run("--lang", "both", "batch", "-", "--out", str(out), input=text)
    assert result.exit_code == 0, result.output
    pack = load_pack()
    places = [
        (FOLDERS[2], {"state": "CA", "county": "Los Angeles County", "city": "Pasadena"}),
        (FOLDERS[3], {"state": "TX", "county": "Harris County"}),
        (FOLDERS[4], {"state": "CT", "county": "Hartford County", "city": "Hartford"}),
    ] + [
        (f"DE/{c.name.lower().replace(' ', '-')}", {"state": "DE", "county": c.name})
        for c in us.states.DE.counties
    ]
    want = {"index.md"}
    for folder, answers in places:
        plan = build_plan(pack, answers)
        assert plan.targets, folder
        own = {
            j.path.relative_to(out).as_posix() for j in jobs(plan, out / folder, ("en", "es"), "md")
        }
        assert {f"{folder}/en/{t.role.id}/letter.md" for t in plan.targets if t.role.contact} <= own
        want |= own | {f"{folder}/index.md"}
    assert set(snapshot(out)) == want


def test_a_batch_flushes_to_disk_once_not_per_file(
    run: Run, pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    calls = {"fsync": 0, "sync": 0}
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        calls["fsync"] += 1
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "sync", lambda: calls.__setitem__("sync", calls["sync"] + 1))
    result = batch(run, pack, write_csv(tmp_path, CSV), tmp_path / "out", "-j", "1")
    assert result.exit_code == 0
    assert calls == {"fsync": 1, "sync": 1}  # only the batch index.md is written after the flush
    writers.write_atomic(tmp_path / "alone.md", b"x")  # outside a batch: each file is synced
    assert calls["fsync"] == 2


def test_workers_write_the_same_tree_as_one_process(run: Run, pack: Path, tmp_path: Path) -> None:
    csv = write_csv(tmp_path, CSV + "DE,*,\n")
    one = batch(run, pack, csv, tmp_path / "one", "--jobs", "1", lang="both")
    three = batch(run, pack, csv, tmp_path / "three", "--jobs", "3", lang="both")
    assert one.exit_code == three.exit_code == 0, three.output
    assert (
        one.stderr.splitlines()[-1].split(" in ")[0]
        == three.stderr.splitlines()[-1].split(" in ")[0]
    )
    files = {k: v[0] for k, v in snapshot(tmp_path / "one").items()}
    assert len(files) > 30
    assert files == {k: v[0] for k, v in snapshot(tmp_path / "three").items()}


def test_ctrl_c_with_workers_leaves_whole_files_and_an_index_to_finish_from(
    run: Run, pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline_cli.cli import batch as batch_cli

    real = batch_cli._progress_lines

    def interrupted_after_two(total: int, every: float = 2.0) -> Any:
        step = real(total, every)
        seen: list[Any] = []

        def on_step(item: Any) -> None:
            seen.append(item)
            step(item)
            if len(seen) == 2:
                raise KeyboardInterrupt  # as Ctrl-C reaches the main process

        return on_step

    monkeypatch.setattr(batch_cli, "_progress_lines", interrupted_after_two)
    csv, out = write_csv(tmp_path, CSV + "DE,*,\n"), tmp_path / "out"
    result = batch(run, pack, csv, out, "--jobs", "2")
    assert result.exit_code == 130
    assert "Stopped after 2 of" in result.stderr
    assert not any(".tmp" in f for f in snapshot(out))
    assert "--skip-existing" in (out / "index.md").read_text()
    monkeypatch.setattr(batch_cli, "_progress_lines", real)
    assert batch(run, pack, csv, out, "--skip-existing", "--jobs", "2").exit_code == 0
    assert batch(run, pack, csv, tmp_path / "clean", "--jobs", "2").exit_code == 0
    assert (out / "index.md").read_text() == (tmp_path / "clean" / "index.md").read_text()
    assert {k: v[0] for k, v in snapshot(out).items()} == {
        k: v[0] for k, v in snapshot(tmp_path / "clean").items()
    }


def test_a_failed_write_in_a_worker_is_reported_with_its_file(
    run: Run, pack: Path, tmp_path: Path
) -> None:
    csv, out = write_csv(tmp_path, CSV), tmp_path / "out"
    (out / "TX" / "harris-county").mkdir(parents=True)
    (out / "TX" / "harris-county" / "en").write_text("a file where a folder goes")
    result = batch(run, pack, csv, out, "--jobs", "2", "--force")
    assert result.exit_code == 1
    assert "harris-county/en: exists and is not a folder" in result.stderr
    assert "finish with:" in result.stderr


def test_workers_write_without_flushing_each_file() -> None:
    from pipeline_cli.documents import workers

    seen = []

    workers._PACK[:] = [None]  # type: ignore[list-item]
    workers._one(lambda *args: seen.append(writers._SYNC_EACH.get()) or (0, 0), None, None, None)  # type: ignore[arg-type]
    assert seen == [False]


def test_jobs_must_be_at_least_one(run: Run, pack: Path, tmp_path: Path) -> None:
    result = batch(run, pack, write_csv(tmp_path, CSV), tmp_path / "out", "--jobs", "0")
    assert result.exit_code == 2
    assert "--jobs" in result.output


def test_templates_are_compiled_before_the_workers_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers are copies of the main process: what it compiled first, none compiles again."""
    from jinja2 import Environment

    from pipeline_cli.documents import context as docdata
    from pipeline_cli.documents import outputs, render
    from pipeline_cli.documents.render import Renderer
    from pipeline_cli.pack.cache import cached_pack

    pack = cached_pack()
    render.environment.cache_clear()  # a fresh process: nothing compiled yet
    outputs.prepare(pack, ("en", "es"), "md")
    compiled: list[str] = []
    real = Environment.compile

    def counting(self: Environment, source: Any, name: Any = None, *a: Any, **k: Any) -> Any:
        compiled.append(str(name))
        return real(self, source, name, *a, **k)

    monkeypatch.setattr(Environment, "compile", counting)
    plan = build_plan(pack, {"state": "TX", "county": "Harris"})
    renderer = Renderer(pack)
    for lang in ("en", "es"):
        renderer.document("plan", lang, docdata.plan_doc(plan, lang))
        for target in plan.targets:
            ctx = docdata.target_doc(plan, target, lang)
            for kind in ("letter", "public_comment", "call_script"):
                renderer.document(kind, lang, ctx)
    assert compiled == [], compiled
