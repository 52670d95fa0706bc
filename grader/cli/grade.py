"""`python -m grader grade SUBMISSIONS --out DIR`: grade a class, each student's code in confined workers.

Before anything is started it reads the class (safely, once), takes the grading secret (and removes
it from the environment) and checks that the kernel can confine learner code; then `grader.grading`
does the grading (or, with `--scheduler ADDRESS`, `grader.dask_grading` on a Dask cluster, whose
workers check their own kernels), `grader.gradebook` writes the outputs and `grader.class_report`
the class report.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

from grader import grading
from grader.cli.usage import UsageError, count, seconds
from grader.submissions import NotAClass, read_class


def register(sub: Any) -> None:
    p = sub.add_parser("grade", help="grade every student folder in SUBMISSIONS, confined (instructors)")
    p.add_argument("submissions", type=Path, metavar="SUBMISSIONS",
                   help="a folder of student folders (or nbgrader's submitted/ folder, or one student's folder)")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="where the gradebook and feedback go")
    p.add_argument("--jobs", type=count, metavar="N", help="grading processes (default: cores; not with --scheduler)")
    p.add_argument("--timeout", type=seconds, default=10.0, metavar="S", help="seconds of learner time per check (default 10)")
    p.add_argument("--student-timeout", type=seconds, default=600.0, metavar="S",
                   help="wall seconds for one student, all checks (default 600)")
    p.add_argument("--memory", type=count, default=4096, metavar="MB", help="memory a worker may add (default 4096)")
    p.add_argument("--format", choices=["gradescope"], action="append", default=[],
                   help="also write each student's results in this format")
    p.add_argument("--force", action="store_true", help="grade every student again, even if unchanged")
    p.add_argument("--secret", type=Path, metavar="FILE",
                   help="the grading secret that draws the inputs (default: $LESSON7_GRADING_SECRET, else DIR/.secret)")
    p.add_argument("--nbgrader", type=Path, metavar="COURSE",
                   help="also write every grade cell's confined score into COURSE's nbgrader gradebook (after autograde)")
    p.add_argument("--unconfined", action="store_true",
                   help="grade where the kernel cannot confine learner code (no Landlock or seccomp); says so in the results")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="grade on a Dask cluster (tcp://host:8786): its workers grade, this process writes the outputs")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from grader.sandbox import kernel
    from grader.secret import SecretError, grading_secret

    if args.scheduler is not None:
        if args.jobs is not None:
            raise UsageError("--jobs is for grading on this machine; on Dask, start the workers with --nworkers N "
                             "--nthreads 1")
        try:
            from grader import dask_grading
        except ImportError:
            raise UsageError("--scheduler needs Dask's distributed package: pip install 'lesson7-workbook[dask]'") from None
        if problem := dask_grading.address_problem(args.scheduler):
            raise UsageError(problem)
    started = time.monotonic()
    try:
        students = read_class(args.submissions)
    except NotAClass as e:
        raise UsageError(str(e)) from None
    if not any(s.files or s.refused for s in students):
        raise UsageError(f"no student files (exNN_*.py or .ipynb) found in {args.submissions}")
    if args.nbgrader is not None and not (args.nbgrader / "gradebook.db").is_file():
        raise UsageError(f"--nbgrader {args.nbgrader}: no gradebook.db there; run `nbgrader generate_assignment` in "
                         "the course first")
    try:
        secret, _ = grading_secret(args.secret, args.out)  # before any process is started
    except SecretError as e:
        raise UsageError(str(e)) from None
    confinement = None
    if args.scheduler is not None and not args.unconfined:
        confinement = "each Dask worker's kernel"  # checked there: this process runs no learner code
    elif not args.unconfined:
        try:
            confinement = kernel.trial()
        except kernel.Unconfinable as e:
            raise UsageError(f"{e}. {grading.UNCONFINABLE_ADVICE}") from None
    grading.import_everything(args.submissions, args.out)
    from grader import class_report, gradebook

    settings = grading.Settings(args.timeout, args.student_timeout, args.memory,
                                grading.protected_folders(args.submissions, args.out), confinement)
    if confinement is None:
        print("WARNING: learner code is NOT confined (--unconfined): a hostile submission can read and change files",
              file=sys.stderr)
    if args.scheduler is None:
        results, graded = grading.grade_all(students, args.out, settings, args.jobs or os.cpu_count() or 1, args.force,
                                            secret)
    else:
        try:
            results, graded, confinement = dask_grading.grade_all(args.scheduler, students, args.out, settings,
                                                                  args.force, secret)
        except dask_grading.Refused as e:
            raise UsageError(str(e)) from None
        except dask_grading.DaskFailed as e:  # not a usage mistake: the cluster went away mid-run
            print(f"python -m grader grade: {e}", file=sys.stderr)
            return 1
    gradebook.write_all(args.out, results, formats=args.format, confinement=confinement)
    class_report.write(args.out, results)
    gradebook.print_summary(results, time.monotonic() - started, graded, confinement)
    class_report.print_summary(results, args.out)
    if args.nbgrader is not None:
        from grader.nbgrader_scores import NbgraderError, write_scores

        try:
            written = write_scores(args.nbgrader, {s.name: s.assignment for s in students if s.assignment}, results)
        except NbgraderError as e:
            raise UsageError(str(e)) from None
        print(f"nbgrader: {written.grades} grade cells of {written.students} students written into "
              f"{args.nbgrader / 'gradebook.db'}" + (f" ({written.created} submissions new to it)" if written.created else ""))
    return 0
