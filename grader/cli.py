"""`python -m grader ...`: check, watch, progress, hint, list, build, and the commands of COMMAND_MODULES.

Every mistake a user can make on the command line ends in one line on stderr and exit status 2."""
from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
from pathlib import Path
from typing import NoReturn

ROOT = Path(__file__).resolve().parent.parent

# Commands that live in their own modules: each module has `register(subparsers)`, which adds its
# parser and sets `run` to a function taking the parsed arguments and returning the exit status.
COMMAND_MODULES: list[str] = ["grader.grading", "grader.notebook_build", "grader.data_cli", "grader.plot"]


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="python -m grader", description="The lesson 7 workbook's grader.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("check", help="check your exercise files (default: exercises/)")
    p.add_argument("exercises", nargs="*", metavar="EXERCISE", help="ex01, 1, ex01_dot or dot (default: all)")
    _learner_options(p)
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    p.add_argument("--verbose", "-v", action="store_true",
                   help="every check with its whole message, passing ones and those not implemented yet too")
    p.set_defaults(run=_check)

    p = sub.add_parser("watch", help="re-check an exercise each time you save it, with a progress bar")
    _learner_options(p)
    p.set_defaults(run=_watch)

    p = sub.add_parser("progress", help="the table of exercises with your points, and the next one to do")
    _learner_options(p)
    p.set_defaults(run=_progress)

    p = sub.add_parser("hint", help="hints for one exercise, from gentle to specific")
    p.add_argument("exercise", metavar="EXERCISE")
    p.set_defaults(run=_hint)

    p = sub.add_parser("list", help="the exercises, their public names and points")
    p.set_defaults(run=_list)

    p = sub.add_parser("build", help="regenerate exercises/ stubs from solutions/ (maintainers)")
    p.add_argument("--check", action="store_true",
                   help="fail if solutions/ changed since the last build (the manifests' digests); write nothing")
    p.add_argument("--force", action="store_true", help="overwrite stubs even where a learner edited them")
    p.set_defaults(run=_build)

    for module in COMMAND_MODULES:
        importlib.import_module(module).register(sub)

    args = parser.parse_args(argv)
    try:
        status = args.run(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
        return status
    except UsageError as e:
        print(f"python -m grader {args.command}: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `... | head` stopped reading: end quietly, as a program killed by SIGPIPE would
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + signal.SIGPIPE
    except KeyboardInterrupt:  # Ctrl-C (in watch, the way to stop)
        print(file=sys.stderr)
        return 128 + signal.SIGINT


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    """argparse with every usage error on one line (argparse prints the whole usage first); exit 2."""

    def error(self, message: str) -> NoReturn:  # type: ignore[override]
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _learner_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--path", type=Path, default=Path("exercises"), help="folder holding exNN_*.py (default: exercises)")
    p.add_argument("--timeout", type=_seconds, default=None, metavar="S",
                   help="seconds of your code's time per check (default 10)")
    p.add_argument("--device", choices=["cpu", "cuda"], default="cpu",
                   help="where torch checks put their tensors and models (default: cpu)")
    p.add_argument("--jobs", type=_count, default=os.cpu_count() or 1, metavar="N",
                   help="exercises checked at once, each in its own process (default: the number of cores)")


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not (0 < value < float("inf")):
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {text!r}")
    return value


def _count(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def _exercise_names(queries: list[str]) -> list[str]:
    from grader import specs

    try:
        return [specs.find(q) for q in queries] if queries else specs.names()
    except ValueError as e:
        raise UsageError(e) from None


def _learner_folder(args: argparse.Namespace) -> float:
    """Check the folder and the device; the time limit per check."""
    from grader import engine, selfcheck

    if not args.path.is_dir():
        raise UsageError(f"{args.path} is not a folder")
    if not selfcheck.exercise_files(args.path):
        raise UsageError(f"{args.path} holds no exercise files (exNN_name.py or .ipynb): is it the right folder?")
    if args.device == "cuda" and not _cuda_available():
        raise UsageError("CUDA is not available on this machine (the CPU run is --device cpu)")
    return args.timeout if args.timeout is not None else engine.DEFAULT_TIME_LIMIT


def _check(args: argparse.Namespace) -> int:
    names = _exercise_names(args.exercises)
    if args.device == "cuda" and args.path.is_dir() and not _cuda_available():
        print("CUDA is not available on this machine: skipping the run on CUDA (the CPU run is `--device cpu`).")
        return 0
    limit = _learner_folder(args)
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


def _watch(args: argparse.Namespace) -> int:
    limit = _learner_folder(args)
    from grader import watch

    return watch.run(args.path, limit, args.device, args.jobs)


def _progress(args: argparse.Namespace) -> int:
    limit = _learner_folder(args)
    from grader import progress, report, selfcheck

    states = progress.known(args.path)
    stale = [name for name, state in states.items() if state.state == progress.NOT_CHECKED]
    if stale:
        fresh = selfcheck.run(stale, args.path, limit, args.device, args.jobs)
        progress.remember(args.path, fresh)
        states = progress.known(args.path, fresh)
    marks = report.marks(sys.stdout)
    upcoming = progress.next_exercise(states)
    for line in [*progress.table(states, marks), "", progress.line(states, upcoming.name if upcoming else None,
                                                                   marks[0] != "✓"), progress.next_line(states)]:
        print(line)
    return 0


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
