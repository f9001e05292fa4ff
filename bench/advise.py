"""Plan benchmark: `pipeline advise ... --json` for one county, with the pack cache warm and cold.

Run with the project's interpreter: `.venv/bin/python bench/advise.py [--runs N]`.

* warm: the pack is already checked and cached; target at most 2.5x `python -c "import typer"`.
* after an edit: a copy of the pack whose pack.yaml changes before every run, so the cache
  never matches and the run checks the whole pack and stores it; target no slower than
  checking it with the cache off (`PIPELINE_NO_CACHE=1`, which is what every run did before
  the cache), within 10%.

The commands run interleaved, in a shuffled order each round, so drift in machine load hits
them alike; medians are compared. Exits 1 when a target is missed. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from startup import BASELINE, pipeline_command

ANSWERS = ["--set", "state=CA", "--set", "county=Los Angeles", "--set", "city=Pasadena", "--json"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed rounds (default 20)")
    args = parser.parse_args()

    from pipeline_cli.pack.load import default_pack_dir

    with tempfile.TemporaryDirectory() as tmp:
        edited = Path(tmp, "pack")
        shutil.copytree(default_pack_dir(), edited, ignore=shutil.ignore_patterns("__pycache__"))
        # As installed: Python keeps each module's bytecode (a PYTHONDONTWRITEBYTECODE in the
        # shell would make every run compile the modules changed since the last write).
        base_env = {**os.environ, "PIPELINE_CACHE_DIR": str(Path(tmp, "cache"))}
        base_env.pop("PYTHONDONTWRITEBYTECODE", None)
        pipeline = pipeline_command()
        cmds = {
            BASELINE: ([sys.executable, "-c", "import typer"], base_env),
            "advise --json, cache warm": ([*pipeline, "advise", *ANSWERS], base_env),
            "advise --json, cache off": (
                [*pipeline, "advise", *ANSWERS],
                {**base_env, "PIPELINE_NO_CACHE": "1"},
            ),
            "advise --json, after an edit": (
                [*pipeline, "--pack", str(edited), "advise", *ANSWERS],
                base_env,
            ),
        }
        times: dict[str, list[float]] = {name: [] for name in cmds}
        names = list(cmds)
        for round_ in range(args.runs + 2):
            random.shuffle(names)
            for name in names:
                if name.endswith("after an edit"):
                    with open(edited / "pack.yaml", "a", encoding="utf-8") as f:
                        f.write(f"# edit {round_}\n")
                argv, env = cmds[name]
                start = time.perf_counter()
                subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=True)
                if round_ >= 2:  # the first rounds fill the OS file cache and the pack cache
                    times[name].append(time.perf_counter() - start)
    med = {name: statistics.median(values) for name, values in times.items()}
    base = med[BASELINE]
    print(f"{args.runs} interleaved runs each, medians ({' '.join(pipeline)}):")
    for name, value in med.items():
        print(f"  {name:<32} {value * 1000:7.1f} ms   {value / base:.2f}x typer")
    warm = med["advise --json, cache warm"] / base
    edit = med["advise --json, after an edit"] / med["advise --json, cache off"]
    checks = [
        (f"warm run {warm:.2f}x typer (target <= 2.5x)", warm <= 2.5),
        (f"run after an edit {edit:.2f}x the run without cache (target <= 1.1x)", edit <= 1.1),
    ]
    for text, ok in checks:
        print(f"  {text}: {'ok' if ok else 'MISSED'}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
