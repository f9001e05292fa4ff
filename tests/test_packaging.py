"""Both install modes work from any folder: a wheel (`pip install .`) and `pip install -e .`.

Each test installs a copy of the project into a fresh virtual environment and runs the tool
from an unrelated folder. Offline: `--no-deps --no-build-isolation`, with the dependencies
taken from the environment running the tests through a `.pth` file.
"""

from __future__ import annotations

import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
PACKAGE_DATA = ("stages", "templates")  # top-level folders shipped inside pipeline_cli


def _sh(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, timeout=600
    )
    assert proc.returncode == 0, f"{args}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


def _data_files(project: Path, folder: str) -> list[str]:
    """Files of a package-data folder, as paths relative to the project."""
    return sorted(
        p.relative_to(project).as_posix()
        for p in (project / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project's source, so building never touches the working tree."""
    copy = tmp_path_factory.mktemp("project")
    junk = shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, copy / name)
    for name in ("src", *PACKAGE_DATA):
        shutil.copytree(REPO / name, copy / name, ignore=junk)
    return copy


def _fresh_venv(where: Path) -> Path:
    """A new environment that sees this one's dependencies but not its pipeline_cli."""
    _sh(sys.executable, "-m", "venv", "--without-pip", where)
    python = where / "bin" / "python"
    purelib = _sh(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))")
    deps = [*site.getsitepackages(), sysconfig.get_path("purelib")]
    if site.ENABLE_USER_SITE:
        deps.append(site.getusersitepackages())
    deps = [p for p in dict.fromkeys(deps) if Path(p).is_dir()]
    # A plain path line adds the folder to sys.path without running its .pth files, so this
    # environment's own (editable) install of pipeline_cli stays invisible there.
    (Path(purelib.stdout.strip()) / "_deps.pth").write_text("\n".join(deps) + "\n")
    return python


@pytest.fixture(scope="module")
def wheel(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    _sh(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
        "-w", dist, ".", cwd=project)  # fmt: skip
    (built,) = dist.glob("pipeline_cli-*.whl")
    return built


def _where_it_loads(python: Path, cwd: Path) -> tuple[Path, Path]:
    code = (
        "import pipeline_cli, pipeline_cli.pack.load as p; "
        "print(pipeline_cli.__file__); print(p.default_pack_dir())"
    )
    out = _sh(python, "-c", code, cwd=cwd).stdout.splitlines()
    return Path(out[0]).resolve(), Path(out[1]).resolve()


def _runs_from(script: Path, cwd: Path, project: Path) -> None:
    """The console script finds the shipped pack and its stage files from `cwd`."""
    stages = _sh(script, "stages", "--format", "json", cwd=cwd).stdout
    shipped = sorted(p.name for p in (project / "stages").glob("[0-9][0-9]-*.yaml"))
    assert shipped
    for name in shipped:
        assert f'"id": "{name[3:-5]}"' in stages
    assert _sh(script, "validate", cwd=cwd).stdout.startswith("ok: ")
    assert _sh(script, "--version", cwd=cwd).stdout.startswith("pipeline ")


def test_wheel_ships_stages_and_templates(wheel: Path, project: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in PACKAGE_DATA:
        files = _data_files(project, folder)
        assert f"{folder}/__init__.py" in files
        missing = [f for f in files if f"pipeline_cli/{f}" not in names]
        assert not missing, f"not in the wheel: {missing}"
    assert any(n.startswith("pipeline_cli/stages/") and n.endswith(".yaml") for n in names)
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "pipeline = pipeline_cli.cli.app:main" in text
    assert not any(n.startswith(("tests/", "stages/", "templates/")) for n in names)


def test_wheel_install_runs_from_any_folder(wheel: Path, project: Path, tmp_path: Path) -> None:
    python = _fresh_venv(tmp_path / "venv")
    _sh(python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    module, pack_dir = _where_it_loads(python, elsewhere)
    site_dir = (tmp_path / "venv").resolve()
    assert module.is_relative_to(site_dir)
    assert pack_dir.is_relative_to(site_dir)
    assert (pack_dir / "pack.yaml").is_file()
    assert (pack_dir.parent / "templates").is_dir()
    _runs_from(python.with_name("pipeline"), elsewhere, project)
    assert _sh(python, "-m", "pipeline_cli", "--version", cwd=elsewhere).stdout.startswith(
        "pipeline "
    )


def test_editable_install_runs_from_any_folder(project: Path, tmp_path: Path) -> None:
    python = _fresh_venv(tmp_path / "venv")
    _sh(python, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--no-index",
        "-e", ".", cwd=project)  # fmt: skip
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    module, pack_dir = _where_it_loads(python, elsewhere)
    # Editable: code and pack are read from the source tree, so edits show at once.
    assert module == (project / "src" / "pipeline_cli" / "__init__.py").resolve()
    assert pack_dir == (project / "stages").resolve()
    _runs_from(python.with_name("pipeline"), elsewhere, project)
