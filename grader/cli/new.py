"""`python -m grader new exNN_name [--name PUBLIC]`: scaffold a new exercise (`grader.scaffold`), then build."""
from __future__ import annotations

import argparse
from typing import Any

from grader.cli.usage import UsageError


def register(sub: Any) -> None:
    p = sub.add_parser("new", help="maintainers: write the parts of a new exercise, each with TODO(new) lines")
    p.add_argument("exercise", metavar="exNN_name", help="the new exercise's file stem, e.g. ex15_topic")
    p.add_argument("--name", metavar="PUBLIC", help="its first public function (default: the part after exNN_)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from grader import build, scaffold
    from grader.course import ROOT

    try:
        written = scaffold.write(args.exercise, args.name)
    except scaffold.ScaffoldError as e:
        raise UsageError(e) from None
    for path in written:
        print(f"wrote {path.relative_to(ROOT)}")
    build.main(ROOT)  # the stub, the notebook and the README's row follow from the parts
    print(f"next: fill in the TODO(new) lines; `python -m grader dev check {args.exercise}` lists what is left")
    return 0
