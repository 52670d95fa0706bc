"""`python -m grader dev check [EXERCISE ...]`: the maintainer's check (`grader.maintainer`)."""
from __future__ import annotations

import argparse
import time
from typing import Any

from grader.cli.usage import exercise_names


def register(sub: Any) -> None:
    p = sub.add_parser("dev", help="maintainers: check that the exercise set is whole and consistent")
    dev = p.add_subparsers(dest="dev_command", required=True, metavar="SUBCOMMAND")
    c = dev.add_parser("check", help="every stub fails, every solution passes, every part and hint is there, "
                                     "the corpus shows every check failing, the generated files are fresh")
    c.add_argument("exercises", nargs="*", metavar="EXERCISE", help="ex01, 1, ex01_dot or dot (default: all)")
    c.add_argument("--no-corpus-grading", action="store_true",
                   help="read the corpus headers and count the cases, but do not grade each case (faster)")
    c.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from grader import maintainer

    names = exercise_names(args.exercises)
    start, failing = time.perf_counter(), 0
    with maintainer.regenerated_stubs(names) as stubs:
        for name in names:
            left, problems = maintainer.check_exercise(name, stubs, grade_cases=not args.no_corpus_grading)
            if not left and not problems:
                print(f"✓ {name}")
                continue
            failing += 1
            print(f"✗ {name}")
            if left:
                print("  left to fill in (the TODO(new) lines `python -m grader new` wrote):")
                print("".join(f"    {line}\n" for line in left), end="")
            if problems:
                print("  problems:")
                print("".join("    - " + problem.replace("\n", "\n      ") + "\n" for problem in problems), end="")
    stale = maintainer.stale_generated()
    print("".join(f"✗ {line}\n" for line in stale) or "✓ the generated files are fresh", end="" if stale else "\n")
    seconds = time.perf_counter() - start
    print(f"dev check: {len(names) - failing} of {len(names)} exercise(s) whole, "
          f"{'stale generated files (python -m grader build)' if stale else 'generated files fresh'} ({seconds:.1f} s)")
    return 1 if failing or stale else 0
