"""Fuzzing the real commands: generated answers files, CSVs, --set values and pack YAML.

Every run must end with exit code 0, 1 or 2, with no traceback, no escape sequence on the
terminal, and no file outside the output folder. Examples are few and derandomized, so the
suite stays fast and repeatable in CI; FUZZ_EXAMPLES=500 runs a longer, random search locally.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.packfactory import write_pack
from tests.test_case import with_cases

settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "20")),
    deadline=None,
    derandomize="FUZZ_EXAMPLES" not in os.environ,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
FUZZ = settings.get_profile("fuzz")
Run = Callable[..., Any]
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Values that have broken, or could break, something: escapes, Markdown, templates, paths,
# bad dates, huge numbers, YAML marks.
NASTY = [
    "CA", "California", "Alameda", "Los Angeles County", "yes", "no", "unknown", "", " ",
    "\x1b]0;PWNED\x07\x1b[2J", "Org\x01Name", "a\x00b", "Pasa\ndena\n# Injected", "\u2028# x",
    "[Donate](https://evil.example)", "**bold**", "# heading", "- item", "1. item", "---",
    "{{ 7*7 }}", "{% include '/etc/passwd' %}", "../../etc", "/tmp/x", "..", "CON", "東京",
    "Раsаdеnа", "2026-13-01", "2026-02-30", "9" * 5000, "a" * 1200, "*", "&a", "*a", "!!python",
    "| pipe |", "\\", "\t", "=", "a=b",
]  # fmt: skip
text = st.one_of(
    st.sampled_from(NASTY), st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
)
KEYS = ["state", "county", "city", "honors_detainers", "zz", "State", ""]


def assert_clean(result: Any) -> None:
    assert result.exit_code in (0, 1, 2), result
    assert "Traceback" not in result.output, result
    assert not CONTROL.search(result.output), result  # no escape sequence reaches a terminal


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file() or p.is_symlink()}


@contextmanager
def only_inside(work: Path, out: Path) -> Iterator[None]:
    """The block may create files under `out` only (`work` is the current folder)."""
    before = files_under(work)
    yield
    new = files_under(work) - before
    stray = [p for p in new if out not in p.parents]
    assert not stray, stray


@pytest.fixture
def fuzz_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pack_files: dict[str, Any]
) -> tuple[Path, Path]:
    """(a work folder that is the current folder, the test pack with case letters)."""
    from pipeline_cli.pack import sandbox

    monkeypatch.setattr(sandbox, "SECONDS", 1.0)  # a run-away template stops fast
    monkeypatch.setattr(os, "fsync", lambda fd: None)  # durability is not under test here
    monkeypatch.setattr(os, "sync", lambda: None)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work, write_pack(tmp_path / "pack", with_cases(copy.deepcopy(pack_files)))


scalars = st.one_of(
    text, st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False), st.dates()
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3), max_leaves=6)
YAML_BITS = [
    "state: CA\n", "county: Alameda\n", "city: ", "&a ", "*a ", "? ", ": ", "- ", "[", "]",
    "{", "}", "!!binary ", "!!timestamp ", "!!bool ", "!!int ", "!!float ", "!!set ",
    "!!omap ", "2026-13-01", "\n", "  ", '"\\e[2J"', "'", "#", "<<: ",
]  # fmt: skip
raw_yaml = st.lists(st.one_of(st.sampled_from(YAML_BITS), text), max_size=12).map("".join)
answers = st.one_of(
    st.dictionaries(st.one_of(st.sampled_from(KEYS), text), values, max_size=5).map(
        lambda d: yaml.safe_dump(d, allow_unicode=True)
    ),
    raw_yaml,
)


def test_answers_files(run: Run, fuzz_env: tuple[Path, Path]) -> None:
    work, pack = fuzz_env

    @FUZZ
    @given(answers, st.sampled_from(["advise", "case"]))
    def check(content: str, command: str) -> None:
        path = work / "answers.yaml"
        path.write_text(content, encoding="utf-8")
        path.chmod(0o600)
        out = work / "out"
        with only_inside(work, out):
            if command == "advise":
                args = ["advise", "--answers", str(path), "--json"]
            else:
                args = ["case", "bond_support", "--answers", str(path), "--out", str(out)]
            assert_clean(run("--pack", str(pack), *args, "--force"))

    check()


cells = st.one_of(st.sampled_from(["CA", "ca", "California", "XX", "Alameda", "Marin"]), text)
rows = st.lists(st.lists(cells, min_size=0, max_size=4), min_size=0, max_size=4)


def _csv(header: list[str], body: list[list[str]], quoted: bool) -> str:
    import csv
    import io

    if not quoted:
        return "\n".join(",".join(r) for r in [header, *body]) + "\n"
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *body])
    return buffer.getvalue()


def test_batch_csvs(run: Run, fuzz_env: tuple[Path, Path]) -> None:
    work, pack = fuzz_env
    header = st.lists(st.sampled_from(["state", "county", "city", "honors_detainers", "x"]))

    @FUZZ
    @given(header, rows, st.booleans(), st.sampled_from(["md", "html", "docx"]))
    def check(head: list[str], body: list[list[str]], quoted: bool, fmt: str) -> None:
        body = [[c for c in r if c.strip().lower() not in ("*", "all")] for r in body]
        path = work / "rows.csv"
        path.write_text(_csv(head or ["state", "county", "city"], body, quoted), encoding="utf-8")
        out = work / "out"
        with only_inside(work, out):
            result = run("--pack", str(pack), "batch", str(path), "--out", str(out),
                         "--format", fmt, "--force")  # fmt: skip
            assert_clean(result)

    check()


pairs = st.lists(
    st.one_of(st.tuples(st.sampled_from(KEYS), text).map(lambda kv: f"{kv[0]}={kv[1]}"), text),
    max_size=4,
)


def test_set_values(run: Run, fuzz_env: tuple[Path, Path]) -> None:
    work, pack = fuzz_env

    @FUZZ
    @given(pairs, st.sampled_from(["md", "txt", "html", "docx"]))
    def check(sets: list[str], fmt: str) -> None:
        out = work / "out"
        args = [w for s in ["state=CA", "county=Alameda", *sets] for w in ("--set", s)]
        with only_inside(work, out):
            result = run("--pack", str(pack), "advise", *args, "--out", str(out),
                         "--format", fmt, "--force")  # fmt: skip
            assert_clean(result)

    check()


def _scalar_paths(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _scalar_paths(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _scalar_paths(v, (*path, i))
    else:
        yield path


TEMPLATE_BITS = [
    "{{ range(999999999)|list|length }}", "{{ 'a' * 10000000000 }}", "{{ 1 // 0 }}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "{{ pack.__class__ }}", "{{ x",
    "{% include 'x/secret.txt' %}", "{{ '%999999999s'|format(1) }}", "\x1b[2J", "{{ pack.title }}",
    "{% for s in stages %}{{ s.title }}{% endfor %}", "[a](https://e.example)", "{{ 9**9**9 }}",
]  # fmt: skip
EXPRESSIONS = [
    "1 // 0 == 0", "range(999999999)|list", "facts.__class__", "county * 1000000000", "(",
    "honors_detainers == 'yes'", "facts.sheriffs != 'no'", "'a' * 99999999999",
]  # fmt: skip


def test_packs(run: Run, fuzz_env: tuple[Path, Path], pack_files: dict[str, Any]) -> None:
    work, _ = fuzz_env
    paths = {name: list(_scalar_paths(data)) for name, data in pack_files.items()}
    names = sorted(paths)

    @FUZZ
    @given(
        st.sampled_from(names),
        st.integers(min_value=0),
        st.one_of(values, st.sampled_from(EXPRESSIONS)),
        st.one_of(st.none(), raw_yaml),
        st.one_of(st.none(), st.lists(st.sampled_from(TEMPLATE_BITS), max_size=3).map("".join)),
    )
    def check(name: str, at: int, value: Any, raw: str | None, template: str | None) -> None:
        files = copy.deepcopy(pack_files)
        *parents, last = paths[name][at % len(paths[name])]
        node = files[name]
        for key in parents:
            node = node[key]
        node[last] = value
        if raw is not None:
            files[name] = raw
        root = work / "pack"
        if root.exists():
            import shutil

            shutil.rmtree(root)
        write_pack(root, files)
        if template is not None:
            (root / "templates" / "en").mkdir(parents=True)
            (root / "templates" / "en" / "handout.md.j2").write_text(template, encoding="utf-8")
        out = work / "out"
        with only_inside(work, out):
            assert_clean(run("validate", str(root)))
            assert_clean(run("--pack", str(root), "advise", "--set", "state=CA",
                             "--set", "county=Alameda", "--json"))  # fmt: skip
            assert_clean(run("--pack", str(root), "handout"))

    check()
