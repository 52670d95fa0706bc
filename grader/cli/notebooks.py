"""`python -m grader notebooks --course DIR [EXERCISE ...]`: write an nbgrader course (grader.notebook_build)."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from grader.cli.usage import UsageError, exercise_names
from grader.course import ROOT


def register(sub: Any) -> None:
    p = sub.add_parser("notebooks", help="write an nbgrader course: nbgrader_config.py and source/lesson7/*.ipynb")
    p.add_argument("--course", type=Path, required=True, metavar="DIR", help="the course folder (made if missing)")
    p.add_argument("exercises", nargs="*", metavar="EXERCISE", help="ex01, 1, ex01_dot or dot (default: all)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    names = exercise_names(args.exercises)
    if args.course.exists() and not args.course.is_dir():
        raise UsageError(f"{args.course} is not a folder")
    try:
        import nbformat  # noqa: F401
    except ImportError:
        raise UsageError('writing notebooks needs nbformat: pip install -e ".[dev]"') from None
    from grader.notebook_build import ASSIGNMENT, write_course

    written = write_course(args.course, ROOT, names)
    if args.course / "nbgrader_config.py" not in written:
        print(f"kept {args.course / 'nbgrader_config.py'}: it exists")
    for path in written:
        print(f"wrote {path}")
    print(f"Next, in {args.course}: nbgrader generate_assignment {ASSIGNMENT}; students' work goes in "
          f"submitted/<student>/{ASSIGNMENT}/; then nbgrader autograde {ASSIGNMENT} and nbgrader export.")
    return 0

