"""Seconds per check, to find the checks that make a self-check slow.

    python benchmarks/check_times.py [EXERCISE ...] [--path solutions]

Runs every check of the named exercises (default: all) in this process against the files in
--path and prints each check's wall time and verdict, slowest first, then the total per exercise.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from grader import course, engine
from grader.learner import InProcessRunner, Learner


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exercises", nargs="*")
    parser.add_argument("--path", type=Path, default=Path("solutions"))
    args = parser.parse_args()
    names = [course.find(q) for q in args.exercises] or course.names()
    exercises = course.all_exercises()
    import torch  # noqa: F401 - imported up front so that the first check is not charged for it
    import torch._dynamo  # noqa: F401 - the first torch.optim optimizer imports it (1.5 s, once per process)

    rows, totals = [], {}
    for name in names:
        learner = Learner(name, engine.learner_file(args.path, name), InProcessRunner())
        for check in exercises[name].checks:
            start = time.perf_counter()
            result = engine.run_check(check, learner)
            rows.append((time.perf_counter() - start, check.id, result.passed))
            totals[name] = totals.get(name, 0.0) + rows[-1][0]
    for seconds, check_id, passed in sorted(rows, reverse=True):
        print(f"{seconds:7.3f} s  {'pass' if passed else 'FAIL'}  {check_id}")
    for name, seconds in totals.items():
        print(f"{seconds:7.3f} s  total  {name}")
    print(f"{sum(totals.values()):7.3f} s  total  all")


if __name__ == "__main__":
    main()
