"""Start-up benchmark: `pipeline --version` and `pipeline --help` against `import typer`.

Run with the project's interpreter: `.venv/bin/python bench/startup.py [--runs N]`.
The three commands run interleaved (in a shuffled order each round) so that drift in machine
load hits them alike; the medians are compared. Exits 1 when a target is missed.
This is a benchmark, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGETS = {"pipeline --version": 1.3, "pipeline --help": 2.6}  # at most this many x typer
BASELINE = 'python -c "import typer"'


def pipeline_command() -> list[str]:
    """The installed console script (as the README uses it), else `python -m pipeline_cli`."""
    script = Path(sys.executable).with_name("pipeline")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "pipeline_cli"]


def commands() -> dict[str, list[str]]:
    pipeline = pipeline_command()
    return {
        BASELINE: [sys.executable, "-c", "import typer"],
        "pipeline --version": [*pipeline, "--version"],
        "pipeline --help": [*pipeline, "--help"],
    }


# As installed: Python keeps each module's bytecode (a PYTHONDONTWRITEBYTECODE in the shell
# would make every run compile the modules changed since the last write).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def once(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=ENV)
    return time.perf_counter() - start


def measure(runs: int, warmup: int) -> dict[str, float]:
    """Median wall time of each command, in seconds."""
    cmds = commands()
    times: dict[str, list[float]] = {name: [] for name in cmds}
    names = list(cmds)
    for round_ in range(warmup + runs):
        random.shuffle(names)
        for name in names:
            elapsed = once(cmds[name])
            if round_ >= warmup:  # the first rounds fill the OS file cache
                times[name].append(elapsed)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40, help="timed rounds (default 40)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed rounds first")
    args = parser.parse_args()

    medians = measure(args.runs, args.warmup)
    base = medians[BASELINE]
    print(f"{args.runs} interleaved runs each, medians ({' '.join(pipeline_command())}):")
    print(f"  {BASELINE:<28} {base * 1000:7.1f} ms   1.00x")
    missed = []
    for name, limit in TARGETS.items():
        ratio = medians[name] / base
        ok = ratio <= limit
        if not ok:
            missed.append(name)
        verdict = "ok" if ok else "MISSED"
        print(
            f"  {name:<28} {medians[name] * 1000:7.1f} ms   {ratio:.2f}x"
            f"   (target <= {limit}x: {verdict})"
        )
    if missed:
        print(f"missed: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
