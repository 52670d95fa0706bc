"""How much a learner's full self-check costs beyond the imports it cannot avoid.

Prints the wall time of `python -m grader check --path solutions` (every check of every exercise,
all passing, as a finished learner would see) next to the time of a Python that only imports torch,
pandas and hypothesis, and their ratio. Medians of --repeat runs.

    python benchmarks/self_check.py [--repeat 3] [EXERCISE ...]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("exercises", nargs="*")
    args = parser.parse_args()
    floor_cmd = [sys.executable, "-c", "import torch, pandas, hypothesis"]
    check_cmd = [sys.executable, "-m", "grader", "check", *args.exercises, "--path", "solutions"]
    wall(floor_cmd)  # warm the file cache once, for both
    floor = statistics.median(wall(floor_cmd) for _ in range(args.repeat))
    check = statistics.median(wall(check_cmd) for _ in range(args.repeat))
    print(f"import floor (torch, pandas, hypothesis): {floor:6.2f} s")
    print(f"python -m grader check --path solutions:  {check:6.2f} s")
    print(f"ratio: {check / floor:.2f}x the import floor (target: at most 2.5x)")


if __name__ == "__main__":
    main()
