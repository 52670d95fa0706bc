"""`python -m grader grade`: grade a whole class, each student's code in confined workers.

The grading process trusts nothing a learner can touch. Before anything runs it takes the grading
secret (and removes it from the environment), checks that the kernel can confine learner code,
imports everything it will need, and drops every learner-reachable folder from `sys.path`. It reads
the class once, safely (`grader.submissions`), then hands the students to `--jobs` grading processes
forked from it. Each has a fork server of its own (a fresh interpreter that never holds the secret)
and grades one student at a time: the student's bytes go into a private scratch folder, the checks
run here with inputs drawn from the secret, and every call of learner code goes to a confined
worker (`grader.sandbox`). A fork server that dies or stops answering is replaced, and the student
it was serving is graded again. Results are cached per student, bound to the submission, the grader
and the secret by an HMAC, so a forged entry is ignored and a re-run grades only what changed.

With `--scheduler ADDRESS` the same students are graded on a Dask cluster (`grader.dask_grading`):
each Dask worker runs a `Grader` like the ones here, and this process writes everything.
"""
from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from grader import specs
from grader.submissions import NotAClass, Student, output_names, read_class

ROOT = Path(__file__).resolve().parent.parent
MESSAGE_LINE = 400  # characters of one line of a message; learner text quoted in it is cut to fit
MESSAGE_CHARACTERS = 4000  # of one check's message, so one student's outputs stay bounded
SERVER_ATTEMPTS = 3


@dataclass(frozen=True)
class Settings:
    timeout: float  # learner seconds per check
    student_timeout: float  # wall seconds per student
    memory_mb: int
    protected: tuple[str, ...]  # folders a worker may not read
    confinement: str | None  # "Landlock v7 + seccomp", or None when grading --unconfined


def register(sub: Any) -> None:
    p = sub.add_parser("grade", help="grade every student folder in SUBMISSIONS, confined (instructors)")
    p.add_argument("submissions", type=Path, metavar="SUBMISSIONS",
                   help="a folder of student folders (or nbgrader's submitted/ folder, or one student's folder)")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="where the gradebook and feedback go")
    p.add_argument("--jobs", type=int, metavar="N", help="grading processes (default: cores; not with --scheduler)")
    p.add_argument("--timeout", type=float, default=10.0, metavar="S", help="seconds of learner time per check (default 10)")
    p.add_argument("--student-timeout", type=float, default=600.0, metavar="S",
                   help="wall seconds for one student, all checks (default 600)")
    p.add_argument("--memory", type=int, default=4096, metavar="MB", help="memory a worker may add (default 4096)")
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
    p.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    from grader.sandbox import kernel
    from grader.secret import SecretError, grading_secret

    if args.scheduler is not None and args.jobs is not None:
        return _usage("--jobs is for grading on this machine; on Dask, start the workers with --nworkers N --nthreads 1")
    jobs = args.jobs if args.jobs is not None else os.cpu_count() or 1
    for name, value in (("--jobs", jobs), ("--timeout", args.timeout), ("--student-timeout", args.student_timeout),
                        ("--memory", args.memory)):
        if not value > 0:
            return _usage(f"{name} must be positive, not {value}")
    if args.scheduler is not None:
        try:
            from grader import dask_grading
        except ImportError:
            return _usage("--scheduler needs Dask's distributed package: pip install 'lesson7-workbook[dask]'")
        if problem := dask_grading.address_problem(args.scheduler):
            return _usage(problem)
    started = time.monotonic()
    try:
        students = read_class(args.submissions)
    except NotAClass as e:
        return _usage(str(e))
    if not any(s.files or s.refused for s in students):
        return _usage(f"no student files (exNN_*.py or .ipynb) found in {args.submissions}")
    if args.nbgrader is not None and not (args.nbgrader / "gradebook.db").is_file():
        return _usage(f"--nbgrader {args.nbgrader}: no gradebook.db there; run `nbgrader generate_assignment` in the "
                      "course first")
    try:
        secret, _ = grading_secret(args.secret, args.out)  # before any process is started
    except SecretError as e:
        return _usage(str(e))
    confinement = None
    if args.scheduler is not None and not args.unconfined:
        confinement = "each Dask worker's kernel"  # checked there: this process runs no learner code
    elif not args.unconfined:
        try:
            confinement = kernel.trial()
        except kernel.Unconfinable as e:
            return _usage(f"{e}. {UNCONFINABLE_ADVICE}")
    _import_everything(args.submissions, args.out)
    from grader import class_report, gradebook

    settings = Settings(args.timeout, args.student_timeout, args.memory, protected_folders(args.submissions, args.out),
                        confinement)
    if confinement is None:
        print("WARNING: learner code is NOT confined (--unconfined): a hostile submission can read and change files",
              file=sys.stderr)
    if args.scheduler is None:
        results, graded = grade_all(students, args.out, settings, jobs, args.force, secret)
    else:
        try:
            results, graded, confinement = dask_grading.grade_all(args.scheduler, students, args.out, settings,
                                                                  args.force, secret)
        except dask_grading.Refused as e:
            return _usage(str(e))
        except dask_grading.DaskFailed as e:
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
            return _usage(str(e))
        print(f"nbgrader: {written.grades} grade cells of {written.students} students written into "
              f"{args.nbgrader / 'gradebook.db'}" + (f" ({written.created} submissions new to it)" if written.created else ""))
    return 0


UNCONFINABLE_ADVICE = ("Grade on a Linux machine with Landlock (see the README), or pass --unconfined to grade anyway, "
                      "with learner code held only by Python-level checks")


def _usage(message: str) -> int:
    print(f"python -m grader grade: {message}", file=sys.stderr)
    return 2


def _import_everything(*learner_folders: Path) -> None:
    """Everything grading will import, imported now, and no folder a learner can write to left on the
    import path: a module planted there later is never read."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401 - the histogram
    import tqdm  # noqa: F401

    from grader import engine, feedback, gradebook, learner, report  # noqa: F401
    from grader.sandbox import forkserver, runner  # noqa: F401

    specs.all_exercises()
    unsafe = [os.path.realpath(os.getcwd()), *(os.path.realpath(f) for f in learner_folders)]
    sys.path[:] = [p for p in sys.path if p and os.path.isabs(p) and not any(
        os.path.realpath(p) == u or os.path.realpath(p).startswith(u.rstrip("/") + "/") for u in unsafe)]


def protected_folders(submissions: Path, out: Path) -> tuple[str, ...]:
    """What a worker must not even read: the grader's secrets, the other students, the outputs."""
    return tuple(sorted({*grader_folders(), str(submissions.resolve()), str(out.resolve())}))


def grader_folders() -> tuple[str, ...]:
    """This installation's references, solutions, specs and tests (where a Dask worker's differ from the client's)."""
    import importlib.util

    folders = [ROOT / "solutions", ROOT / "reference", ROOT / "grader" / "specs", ROOT / "tests", ROOT / "exercises"]
    for package in ("reference", "solutions", "grader.specs"):
        spec = importlib.util.find_spec(package)
        if spec is not None and spec.submodule_search_locations:
            folders += [Path(p) for p in spec.submodule_search_locations]
    return tuple(sorted({str(f.resolve()) for f in folders}))


def grader_fingerprint(settings: Settings) -> str:
    """Changes whenever the checks could give a different answer: code, references, hints, limits, and
    whether learner code was confined (not how: the same class graded here and on Dask shares a cache)."""
    digest = hashlib.sha256(repr((settings.timeout, settings.memory_mb, settings.confinement is not None)).encode())
    for folder in (ROOT / "grader", ROOT / "reference"):
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".py", ".toml") and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


# -- the grading processes ---------------------------------------------------------------------------

def grade_class(students: list[Student], out: Path, settings: Settings, force: bool, secret: bytes,
                grade: Callable[[list[Student]], Iterable[dict]]) -> tuple[list[dict], int]:
    """Every student's results (cached ones reused), in student order, and how many were graded now.
    `grade` grades the students the cache lacks, yielding each one's results as they come: each is
    cached at once, so a run that stops halfway loses nothing already graded."""
    from tqdm import tqdm

    cache = Cache(out / ".cache", secret, grader_fingerprint(settings), output_names([s.name for s in students]))
    results: dict[str, dict] = {}
    todo: list[Student] = []
    for student in students:
        cached = None if force else cache.get(student)
        if cached is not None:
            results[student.name] = cached
        else:
            todo.append(student)
    if todo:
        by_name = {s.name: s for s in todo}
        bar = tqdm(total=len(todo), unit="student", desc="grading", file=sys.stderr, dynamic_ncols=True, disable=None)
        problems = 0
        try:
            for result in grade(todo):
                results[result["student"]] = result
                cache.put(by_name[result["student"]], result)
                problems += result["problem"]
                bar.set_postfix(problems=problems, refresh=False)
                bar.update()
        finally:
            bar.close()
    return [results[s.name] for s in students], len(todo)


def grade_all(students: list[Student], out: Path, settings: Settings, jobs: int, force: bool,
              secret: bytes) -> tuple[list[dict], int]:
    """`grade_class` on this machine, in `jobs` grading processes."""
    return grade_class(students, out, settings, force, secret, lambda todo: _grade_here(todo, settings, jobs, secret))


def _grade_here(todo: list[Student], settings: Settings, jobs: int, secret: bytes) -> Iterator[dict]:
    scratch_root = Path(tempfile.mkdtemp(prefix="lesson7-grading-"))  # mode 0700: only the graders enter
    try:
        context = multiprocessing.get_context("fork")  # everything is imported already: each costs a fork
        with context.Pool(min(jobs, len(todo)), initializer=_start_grader,
                          initargs=(settings, str(scratch_root), secret)) as pool:
            yield from pool.imap_unordered(_grade_student, todo)
    finally:
        shutil.rmtree(scratch_root, ignore_errors=True)


class Cache:
    """Per-student results, each entry bound to the student's bytes, the grader and the secret by an
    HMAC keyed with the secret: an entry written by anyone else is not reused."""

    def __init__(self, folder: Path, secret: bytes, grader: str, names: dict[str, str]) -> None:
        self.folder, self.secret, self.grader, self.names = folder, secret, grader, names

    def get(self, student: Student) -> dict | None:
        try:
            entry = json.loads((self.folder / f"{self.names[student.name]}.json").read_text())
            result, mac = entry["result"], entry["mac"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not isinstance(mac, str) or not hmac.compare_digest(mac, self._mac(student, result)):
            return None
        return result

    def put(self, student: Student, result: dict) -> None:
        from grader.report import write_atomically

        entry = {"result": result, "mac": self._mac(student, result)}
        write_atomically(self.folder / f"{self.names[student.name]}.json", json.dumps(entry, sort_keys=True))

    def _mac(self, student: Student, result: dict) -> str:
        signed = json.dumps([self.grader, student.name, student.digest, result], sort_keys=True).encode()
        return hmac.new(self.secret, signed, hashlib.sha256).hexdigest()


class Grader:
    """What one grading process grades with: its fork server (replaced when it fails), the specs, the
    secret, and the folder the students' scratch folders go in. Local grading has one per process of
    its pool; a Dask worker has one, which grades its students one at a time."""

    def __init__(self, settings: Settings, scratch_root: Path, secret: bytes) -> None:
        from grader.sandbox.forkserver import ForkServer

        self.settings, self.scratch_root, self.secret = settings, scratch_root, secret
        self.exercises = specs.all_exercises()
        self.server = ForkServer(confined=settings.confinement is not None)

    def grade(self, student: Student) -> dict:
        """The student's results, as plain data; a failing fork server costs a new one, not points."""
        from grader.sandbox.forkserver import ForkServer, ServerFailed

        failure = ""
        for _ in range(SERVER_ATTEMPTS):
            try:
                return grade_student(student, self.server, self.settings, self.scratch_root, self.exercises, self.secret)
            except ServerFailed as e:  # not this student's doing: a new server, and this student from the start
                failure = str(e)
                self.server.kill()
                self.server = ForkServer(confined=self.settings.confinement is not None)
            except Exception as e:  # noqa: BLE001 - a grader bug must cost this student a message, not the class
                failure = f"{type(e).__name__}: {e}"
                break
        return grader_failed(student, self.exercises, f"the grader failed on this submission ({failure})")

    def close(self) -> None:
        self.server.close()


def grader_failed(student: Student, exercises: dict, why: str) -> dict:
    """A student whose grading failed for a reason of the grader's: every check at 0, with the reason."""
    rows = [_row(name, c.id, False, 0, c.points, f"{why}; tell your instructor", "grader_error")
            for name, ex in exercises.items() for c in ex.checks]
    return {"student": student.name, "problem": True, "results": rows}


_grader: Grader | None = None  # this pool process's


def _start_grader(settings: Settings, scratch_root: str, secret: bytes) -> None:
    from multiprocessing.util import Finalize

    global _grader
    _grader = Grader(settings, Path(scratch_root), secret)
    Finalize(None, lambda: _grader.close(), exitpriority=10)


def _grade_student(student: Student) -> dict:
    return _grader.grade(student)


def grade_student(student: Student, server: Any, settings: Settings, scratch_root: Path, exercises: dict,
                  secret: bytes | None) -> dict:
    from grader import engine
    from grader.result import PROBLEMS
    from grader.learner import Learner
    from grader.loading import LoadFailed, read_source
    from grader.sandbox.policy import Limits
    from grader.sandbox.runner import SandboxRunner

    scratch = Path(tempfile.mkdtemp(dir=scratch_root))  # 0700, and Landlock keeps every other worker out
    sources = scratch / "src"  # the student's files: read-only to the worker
    (scratch / "work").mkdir()  # the worker's working folder: the only place it may write
    sources.mkdir()
    learners: dict[str, Learner] = {}
    limits = Limits(memory_mb=settings.memory_mb, cpu_seconds=int(settings.student_timeout) + 60)
    runner = SandboxRunner(server, scratch, list(settings.protected), limits)
    for name, file in student.files.items():
        path = sources / file.name
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        with os.fdopen(fd, "wb") as f:
            f.write(file.data)
        try:
            source = read_source(path)  # what the from-scratch scan reads: taken before any learner code runs
        except (OSError, LoadFailed, UnicodeDecodeError):
            source = ""
        learners[name] = Learner(name, path, runner, display=f"{student.name}/{file.name}", source=source)
    deadline = time.monotonic() + settings.student_timeout
    rows = []
    try:
        for name, exercise in exercises.items():
            refused = student.refused.get(name) or student.refused.get("*")
            if name not in learners:
                why = (f"{refused}: 0 points for this exercise." if refused else
                       f"{name}.py (or {name}.ipynb) is missing from the submission: 0 points for this exercise.")
                rows += [_row(name, c.id, False, 0, c.points, f"{c.says}\n{why}", "load" if refused else "missing")
                         for c in exercise.checks]
                continue
            for check in exercise.checks:
                if time.monotonic() > deadline:
                    rows.append(_row(name, check.id, False, 0, check.points, f"{check.says}\nthe time for grading this "
                                     f"student ({settings.student_timeout:g} s) ran out before this check", "timeout"))
                    continue
                result = engine.run_check(check, learners[name], settings.timeout, secret)
                rows.append(_bounded(result.as_dict()))  # the typed fields too
    finally:
        runner.shutdown()
        shutil.rmtree(scratch, ignore_errors=True)
    problem = any(r["status"] in PROBLEMS for r in rows)
    return {"student": student.name, "problem": problem, "results": rows}


def _row(exercise: str, check: str, passed: bool, points: int, max_points: int, message: str, status: str) -> dict:
    return {"exercise": exercise, "check": check, "passed": passed, "points": points, "max_points": max_points,
            "message": bounded(message), "status": status}


def _bounded(row: dict) -> dict:
    """A result's row with every text in it bounded (see `bounded`)."""
    return {k: bounded(v) if isinstance(v, str) else _bounded(v) if isinstance(v, dict) else v for k, v in row.items()}


def bounded(message: str) -> str:
    """A message whose every line, and whose whole, fit the limits: what a learner's code prints or
    raises, or a line of their source, is quoted in messages and could otherwise be megabytes."""
    lines = [line if len(line) <= MESSAGE_LINE else f"{line[:MESSAGE_LINE]}… ({len(line) - MESSAGE_LINE} characters "
             "cut)" for line in message.splitlines()]
    text = "\n".join(lines)
    if len(text) > MESSAGE_CHARACTERS:
        text = f"{text[:MESSAGE_CHARACTERS]}\n… (the rest of this message, {len(text) - MESSAGE_CHARACTERS} characters, cut)"
    return text
