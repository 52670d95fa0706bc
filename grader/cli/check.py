"""`python -m grader check [EXERCISE ...]`: check the learner's files, report, end with the progress line."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from grader.cli import learner_options
from grader.cli.usage import exercise_names


def register(sub: Any) -> None:
    p = sub.add_parser("check", help="check your exercise files (default: exercises/)")
    p.add_argument("exercises", nargs="*", metavar="EXERCISE", help="ex01, 1, ex01_dot or dot (default: all)")
    learner_options.add(p)
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    p.add_argument("--verbose", "-v", action="store_true",
                   help="every check with its whole message, passing ones and those not implemented yet too")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    names = exercise_names(args.exercises)
    if args.device == "cuda" and args.path.is_dir() and not learner_options.cuda_available():
        print("CUDA is not available on this machine: skipping the run on CUDA (the CPU run is `--device cpu`).")
        return 0
    limit = learner_options.time_limit(args)
    from grader import progress, report, selfcheck

    by_exercise = selfcheck.run(names, args.path, limit, args.device, args.jobs)
    results = [r for rows in by_exercise.values() for r in rows]
    report.print_report(results, verbose=args.verbose)
    if args.json:
        report.write_atomically(args.json, report.as_json(results))
    progress.remember(args.path, by_exercise)
    states = progress.known(args.path, by_exercise)
    upcoming = progress.next_exercise(states)
    ascii_only = report.marks(sys.stdout)[0] != "✓"
    print(progress.line(states, upcoming.name if upcoming else None, ascii_only))
    print(progress.next_line(states))
    return 0 if all(r.passed for r in results) else 1
