"""How much a learner's full self-check costs beyond the imports it cannot avoid.

Prints the wall time of `python -m grader check --path solutions` (every check of every exercise,
all passing, as a finished learner would see) next to the time of a Python that only imports torch,
pandas, hypothesis and numpy, and their ratio (target: at most 1.5x). With --each, also the time of
checking each exercise alone, as the import plus a margin (target: at most +0.5 s). Medians of
--repeat runs, measured cold: a fresh process every time, no result cache, every check executed.

    python benchmarks/self_check.py [--repeat 3] [--each] [EXERCISE ...]
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
    parser.add_argument("--each", action="store_true", help="also time each exercise checked alone")
    parser.add_argument("exercises", nargs="*")
    args = parser.parse_args()
    floor_cmd = [sys.executable, "-c", "import torch, pandas, hypothesis, numpy"]
    check_cmd = [sys.executable, "-m", "grader", "check", *args.exercises, "--path", "solutions"]
    wall(floor_cmd)  # warm the file cache once, for both
    floor = statistics.median(wall(floor_cmd) for _ in range(args.repeat))
    check = statistics.median(wall(check_cmd) for _ in range(args.repeat))
    print(f"import floor (torch, pandas, hypothesis, numpy): {floor:6.2f} s")
    print(f"python -m grader check --path solutions:         {check:6.2f} s")
    print(f"ratio: {check / floor:.2f}x the import floor (target: at most 1.5x)")
    if args.each:
        sys.path.insert(0, str(ROOT))
        from grader import course

        for name in args.exercises or course.names():
            alone = statistics.median(wall([*check_cmd[:4], name, "--path", "solutions"]) for _ in range(args.repeat))
            print(f"check {name:20s} {alone:6.2f} s = import {alone - floor:+.2f} s (target: at most +0.5 s)")


if __name__ == "__main__":
    main()
