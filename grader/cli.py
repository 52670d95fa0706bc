"""`python -m grader ...`: check, hint, build, list (and, as they land, grade and notebooks)."""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from grader.result import Result, Status

if TYPE_CHECKING:
    from grader.spec import Exercise

ROOT = Path(__file__).resolve().parent.parent

# Commands that live in their own modules: each module has `register(subparsers)`, which adds its
# parser and sets `run` to a function taking the parsed arguments and returning the exit status.
COMMAND_MODULES: list[str] = ["grader.grading", "grader.notebook_build", "grader.data_cli", "grader.plot"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grader", description="The lesson 7 workbook's grader.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("check", help="check your exercise files (default: exercises/)")
    p.add_argument("exercises", nargs="*", metavar="EXERCISE", help="ex01, 1, ex01_dot or dot (default: all)")
    p.add_argument("--path", type=Path, default=Path("exercises"), help="folder holding exNN_*.py (default: exercises)")
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    p.add_argument("--timeout", type=float, default=None, metavar="S", help="seconds of your code's time per check")
    p.add_argument("--device", choices=["cpu", "cuda"], default="cpu",
                   help="where torch checks put their tensors and models (default: cpu)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                   help="exercises checked at once, each in its own process (default: the number of cores)")
    p.add_argument("--verbose", "-v", action="store_true",
                   help="every check with its whole message, passing ones and those not implemented yet too")
    p.set_defaults(run=_check)

    p = sub.add_parser("hint", help="hints for one exercise, from gentle to specific")
    p.add_argument("exercise", metavar="EXERCISE")
    p.set_defaults(run=_hint)

    p = sub.add_parser("list", help="the exercises, their public names and points")
    p.set_defaults(run=_list)

    p = sub.add_parser("build", help="regenerate exercises/ stubs from solutions/ (maintainers)")
    p.add_argument("--check", action="store_true", help="fail if a committed generated file is stale; write nothing")
    p.add_argument("--force", action="store_true", help="overwrite stubs even where a learner edited them")
    p.set_defaults(run=_build)

    for module in COMMAND_MODULES:
        importlib.import_module(module).register(sub)

    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except UsageError as e:
        print(f"python -m grader {args.command}: {e}", file=sys.stderr)
        return 2


class UsageError(Exception):
    pass


def _exercise_names(queries: list[str]) -> list[str]:
    from grader import specs

    try:
        return [specs.find(q) for q in queries] if queries else specs.names()
    except ValueError as e:
        raise UsageError(e) from None


def _check(args: argparse.Namespace) -> int:
    names = _exercise_names(args.exercises)
    if not args.path.is_dir():
        raise UsageError(f"{args.path} is not a folder")
    if args.device == "cuda" and not _cuda_available():
        print("CUDA is not available on this machine: skipping the run on CUDA (the CPU run is `--device cpu`).")
        return 0
    from grader import engine, parallel, report, specs

    exercises = specs.all_exercises()
    limit = args.timeout if args.timeout is not None else engine.DEFAULT_TIME_LIMIT

    def work(name: str) -> list[Result]:
        return engine.run_exercise(exercises[name], engine.learner_file(args.path, name), time_limit=limit,
                                   device=args.device)

    if parallel.available(args.jobs) and len(names) > 1:
        done = parallel.run(names, lambda name: [r.as_dict() for r in work(name)], args.jobs)
        results = [r for n in names for r in ([Result.from_dict(row) for row in done[n]] if done[n] is not None
                                              else _crashed(exercises[n]))]
    else:
        results = [r for n in names for r in work(n)]
    report.print_report(results, verbose=args.verbose)
    if args.json:
        report.write_atomically(args.json, report.as_json(results))
    return 0 if all(r.passed for r in results) else 1


def _crashed(exercise: Exercise) -> list[Result]:
    from grader import feedback

    message = ("the process checking this exercise died: does your code call os._exit, or crash Python "
               f"(a segmentation fault)? Run `python -m grader check {exercise.number} --jobs 1` to see it happen.")
    return [feedback.not_run(c, Status.CRASH, message) for c in exercise.checks]


def _cuda_available() -> bool:
    import torch

    return torch.cuda.is_available()


def _hint(args: argparse.Namespace) -> int:
    from grader import hints

    (name,) = _exercise_names([args.exercise])
    print(f"{name}: {hints.title(name)}")
    for i, text in enumerate(hints.general(name), 1):
        print(f"  {i}. {text}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from grader import specs

    for name, exercise in specs.all_exercises().items():
        print(f"{name:<22} {exercise.max_points:>3} points  {', '.join(exercise.names)}")
    return 0


def _build(args: argparse.Namespace) -> int:
    from grader import build

    return build.main(ROOT, check=args.check, force=args.force)
