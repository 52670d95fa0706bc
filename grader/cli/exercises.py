"""`python -m grader list` and `python -m grader hint EXERCISE`: the exercises, and one exercise's hints."""
from __future__ import annotations

import argparse
from typing import Any

from grader.cli.usage import exercise_names


def register(sub: Any) -> None:
    p = sub.add_parser("list", help="the exercises, their public names and points")
    p.set_defaults(run=run_list)
    p = sub.add_parser("hint", help="hints for one exercise, from gentle to specific")
    p.add_argument("exercise", metavar="EXERCISE")
    p.set_defaults(run=run_hint)


def run_list(args: argparse.Namespace) -> int:
    from grader import course

    for name, exercise in course.all_exercises().items():
        print(f"{name:<22} {exercise.max_points:>3} points  {', '.join(exercise.names)}")
    return 0


def run_hint(args: argparse.Namespace) -> int:
    from grader import hints

    (name,) = exercise_names([args.exercise])
    print(f"{name}: {hints.title(name)}")
    for i, text in enumerate(hints.general(name), 1):
        print(f"  {i}. {text}")
    return 0
