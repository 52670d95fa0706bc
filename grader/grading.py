"""`python -m grader grade`: grade a whole class, each student's code in confined workers.

The main process stays light: it finds the students, hands them to `--jobs` grading processes,
shows progress and writes the outputs. Each grading process first forks its fork server (before it
imports hypothesis, the references or the specs, so workers never hold them), then grades one
student at a time: the student's files are copied into a scratch folder, the checks run here, and
every call of learner code goes to a worker (`grader.sandbox`). Results are cached per student by
content hash, so a re-run grades only what changed.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader import specs

ROOT = Path(__file__).resolve().parent.parent
EXERCISE_STEM = re.compile(r"(ex\d\d_\w+)\.(py|ipynb)$")


@dataclass(frozen=True)
class Student:
    name: str
    files: dict[str, str]  # exercise -> path of the learner's file
    fingerprint: str  # changes when any of the files, or the grader, changes


@dataclass(frozen=True)
class Settings:
    timeout: float  # learner seconds per check
    student_timeout: float  # wall seconds per student
    memory_mb: int
    protected: tuple[str, ...]  # folders a worker may not read


def register(sub: Any) -> None:
    p = sub.add_parser("grade", help="grade every student folder in SUBMISSIONS, isolated (instructors)")
    p.add_argument("submissions", type=Path, metavar="SUBMISSIONS",
                   help="a folder of student folders (or nbgrader's submitted/ folder, or one student's folder)")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="where the gradebook and feedback go")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N", help="grading processes (default: cores)")
    p.add_argument("--timeout", type=float, default=10.0, metavar="S", help="seconds of learner time per check (default 10)")
    p.add_argument("--student-timeout", type=float, default=600.0, metavar="S",
                   help="wall seconds for one student, all checks (default 600)")
    p.add_argument("--memory", type=int, default=4096, metavar="MB", help="memory a worker may add (default 4096)")
    p.add_argument("--format", choices=["gradescope"], action="append", default=[],
                   help="also write each student's results in this format")
    p.add_argument("--force", action="store_true", help="grade every student again, even if unchanged")
    p.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    from grader import gradebook

    if not args.submissions.is_dir():
        print(f"python -m grader grade: {args.submissions} is not a folder", file=sys.stderr)
        return 2
    if args.jobs < 1 or args.timeout <= 0:
        print("python -m grader grade: --jobs and --timeout must be positive", file=sys.stderr)
        return 2
    started = time.monotonic()
    settings = Settings(args.timeout, args.student_timeout, args.memory, protected_folders(args.submissions, args.out))
    students = discover(args.submissions, settings)
    if not students:
        print(f"python -m grader grade: no student files (exNN_*.py or .ipynb) found in {args.submissions}",
              file=sys.stderr)
        return 2
    results, graded = grade_all(students, args.out, settings, args.jobs, args.force)
    gradebook.write_all(args.out, results, formats=args.format)
    gradebook.print_summary(results, time.monotonic() - started, graded)
    return 0


def protected_folders(submissions: Path, out: Path) -> tuple[str, ...]:
    """What a worker must not even read: the grader's secrets, the other students, the outputs."""
    import importlib.util

    folders = [ROOT / "solutions", ROOT / "reference", ROOT / "grader" / "specs", ROOT / "tests", submissions, out]
    for package in ("reference", "solutions"):
        spec = importlib.util.find_spec(package)
        if spec is not None and spec.submodule_search_locations:
            folders += [Path(p) for p in spec.submodule_search_locations]
    return tuple(sorted({str(f.resolve()) for f in folders}))


def discover(submissions: Path, settings: Settings) -> list[Student]:
    """Student folders with their exercise files: plain folders, nbgrader's submitted/, or one student."""
    if (submissions / "submitted").is_dir():
        submissions = submissions / "submitted"
    grader_hash = _grader_fingerprint(settings)
    if _is_single(submissions):
        folders = [submissions]
    else:
        folders = sorted(p for p in submissions.iterdir() if p.is_dir() and not p.name.startswith((".", "__")))
    students = []
    for folder in folders:
        files = _exercise_files(folder)
        digest = hashlib.sha256(grader_hash.encode())
        for exercise, path in sorted(files.items()):
            digest.update(f"{exercise}\0{Path(path).suffix}\0".encode())
            digest.update(Path(path).read_bytes())
        students.append(Student(folder.name, files, digest.hexdigest()))
    return students


def _is_single(folder: Path) -> bool:
    return any(EXERCISE_STEM.match(p.name) for p in folder.iterdir() if p.is_file())


def _exercise_files(folder: Path) -> dict[str, str]:
    """exNN files in the folder, else in its subfolders (nbgrader's <student>/<assignment>/); .py first."""
    found: dict[str, str] = {}
    places = [folder] + sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "__")))
    for place in places:
        for path in sorted(place.iterdir(), key=lambda p: (p.suffix != ".py", p.name)):
            match = EXERCISE_STEM.match(path.name)
            if match and path.is_file() and match[1] not in found:
                found[match[1]] = str(path)
        if found and place == folder:
            break
    return found


def _grader_fingerprint(settings: Settings) -> str:
    """Changes whenever the checks could give a different answer: code, references, hints, limits."""
    digest = hashlib.sha256(repr((settings.timeout, settings.memory_mb)).encode())
    for folder in (ROOT / "grader", ROOT / "reference"):
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".py", ".toml") and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


# -- the grading processes ---------------------------------------------------------------------------

def grade_all(students: list[Student], out: Path, settings: Settings, jobs: int, force: bool) -> tuple[list[dict], int]:
    """Every student's results (cached ones reused), in student order, and how many were graded now."""
    from tqdm import tqdm

    cache = out / ".cache"
    results: dict[str, dict] = {}
    todo = []
    for student in students:
        cached = _cached(cache, student)
        if cached is not None and not force:
            results[student.name] = cached
        else:
            todo.append(student)
    if todo:
        scratch_root = Path(tempfile.mkdtemp(prefix="lesson7-grading-"))
        os.chmod(scratch_root, 0o711)  # workers that drop root must reach their own scratch folder
        try:
            context = multiprocessing.get_context("fork")  # the grading processes start light, see the docstring
            with context.Pool(min(jobs, len(todo)), initializer=_start_grader, initargs=(settings, str(scratch_root))) as pool:
                bar = tqdm(total=len(todo), unit="student", desc="grading", file=sys.stderr, dynamic_ncols=True,
                           disable=None)
                problems = 0
                for result in pool.imap_unordered(_grade_student, todo):
                    results[result["student"]] = result
                    _store(cache, result)
                    problems += result["problem"]
                    bar.set_postfix(problems=problems, refresh=False)
                    bar.update()
                bar.close()
        finally:
            shutil.rmtree(scratch_root, ignore_errors=True)
    return [results[s.name] for s in students], len(todo)


_grader: dict[str, Any] = {}


def _start_grader(settings: Settings, scratch_root: str) -> None:
    from multiprocessing.util import Finalize

    from grader.sandbox.forkserver import ForkServer

    server = ForkServer()  # first: this process holds nothing secret yet
    Finalize(server, server.close, exitpriority=10)
    from grader import engine  # noqa: F401 - hypothesis, references and specs, from here on

    _grader.update(server=server, settings=settings, scratch_root=Path(scratch_root), exercises=specs.all_exercises())


def _grade_student(student: Student) -> dict:
    try:
        return grade_student(student, _grader["server"], _grader["settings"], _grader["scratch_root"],
                             _grader["exercises"])
    except Exception as e:  # noqa: BLE001 - a grader bug must cost this student a message, not the class
        rows = [_row(e_name, c.id, False, 0, c.points, f"the grader failed on this submission: {type(e).__name__}: {e}",
                     "grader_error") for e_name, ex in _grader["exercises"].items() for c in ex.checks]
        return {"student": student.name, "fingerprint": student.fingerprint, "problem": True, "results": rows}


def grade_student(student: Student, server: Any, settings: Settings, scratch_root: Path, exercises: dict) -> dict:
    from grader import engine
    from grader.learner import Learner
    from grader.sandbox.policy import Limits
    from grader.sandbox.runner import SandboxRunner

    scratch = Path(tempfile.mkdtemp(dir=scratch_root))
    os.chmod(scratch, 0o755)
    limits = Limits(memory_mb=settings.memory_mb, cpu_seconds=int(settings.student_timeout) + 60)
    runner = SandboxRunner(server, scratch, list(settings.protected), limits)
    deadline = time.monotonic() + settings.student_timeout
    rows = []
    try:
        for name, exercise in exercises.items():
            source = student.files.get(name)
            if source is None:
                missing = f"{name}.py (or {name}.ipynb) is missing from the submission: 0 points for this exercise."
                rows += [_row(name, c.id, False, 0, c.points, f"{c.says}\n{missing}", "missing") for c in exercise.checks]
                continue
            copy = scratch / Path(source).name
            shutil.copyfile(source, copy)
            learner = Learner(name, copy, runner, display=f"{student.name}/{Path(source).name}")
            for check in exercise.checks:
                if time.monotonic() > deadline:
                    rows.append(_row(name, check.id, False, 0, check.points, f"{check.says}\nthe time for grading this "
                                     f"student ({settings.student_timeout:g} s) ran out before this check", "timeout"))
                    continue
                rows.append(engine.run_check(check, learner, settings.timeout).as_dict())  # the typed fields too
    finally:
        runner.shutdown()
        shutil.rmtree(scratch, ignore_errors=True)
    problem = any(r["status"] in PROBLEMS for r in rows)
    return {"student": student.name, "fingerprint": student.fingerprint, "problem": problem, "results": rows}


PROBLEMS = {"timeout", "crash", "exit", "load", "grader_error"}


def _row(exercise: str, check: str, passed: bool, points: int, max_points: int, message: str, status: str) -> dict:
    return {"exercise": exercise, "check": check, "passed": passed, "points": points, "max_points": max_points,
            "message": message, "status": status}


def _cached(cache: Path, student: Student) -> dict | None:
    path = cache / f"{_safe(student.name)}.json"
    try:
        entry = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return entry if entry.get("fingerprint") == student.fingerprint and entry.get("student") == student.name else None


def _store(cache: Path, result: dict) -> None:
    from grader.report import write_atomically

    write_atomically(cache / f"{_safe(result['student'])}.json", json.dumps(result, sort_keys=True))


def _safe(name: str) -> str:
    """A student id as a file name: readable, and distinct ids stay distinct."""
    clean = re.sub(r"[^A-Za-z0-9._-]", "_", name)
    return clean if clean == name else f"{clean}-{hashlib.sha256(name.encode()).hexdigest()[:8]}"
