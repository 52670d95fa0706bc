"""Grade a whole class, each student's code in confined workers (`python -m grader grade`, grader.cli.grade).

The grading process trusts nothing a learner can touch. Before anything runs it takes the grading
secret (and removes it from the environment), checks that the kernel can confine learner code,
imports everything it will need, and drops every learner-reachable folder from `sys.path`. It reads
the class once, safely (`grader.submissions`), then hands the students to `--jobs` grading processes
forked from it. Each has a fork server of its own (a fresh interpreter that never holds the secret)
and grades one student at a time: the student's bytes go into a private workspace, the checks
run here with inputs drawn from the secret, and every call of learner code goes to a confined
worker (`grader.sandbox`). A fork server that dies or stops answering is replaced, and the student
it was serving is graded again. Results are cached per student, bound to the submission, the grader
and the secret by an HMAC, so a forged entry is ignored and a re-run grades only what changed.

With `--scheduler ADDRESS` the same students are graded on a Dask cluster (`grader.dask_grading`):
each Dask worker grades with a `Grader` like the ones here, and this process writes everything.
"""
from __future__ import annotations

import gc
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

from grader import course
from grader.course import GRADER, ROOT
from grader.submissions import Student, output_names

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


def import_everything(*learner_folders: Path) -> None:
    """Everything grading will import, imported now, and no folder a learner can write to left on the
    import path: a module planted there later is never read."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401 - the histogram
    import tqdm  # noqa: F401

    from grader import engine, feedback, gradebook, learner, report  # noqa: F401
    from grader.sandbox import forkserver, runner  # noqa: F401

    course.all_exercises()
    unsafe = [os.path.realpath(os.getcwd()), *(os.path.realpath(f) for f in learner_folders)]
    sys.path[:] = [p for p in sys.path if p and os.path.isabs(p) and not any(
        os.path.realpath(p) == u or os.path.realpath(p).startswith(u.rstrip("/") + "/") for u in unsafe)]


def protected_folders(submissions: Path, out: Path) -> tuple[str, ...]:
    """What a worker must not even read: the grader's secrets, the other students, the outputs."""
    return tuple(sorted({*grader_folders(), str(submissions.resolve()), str(out.resolve())}))


def grader_folders() -> tuple[str, ...]:
    """This installation's references, solutions, specs and tests (where a Dask worker's differ from the client's)."""
    import importlib.util

    folders = [ROOT / "solutions", ROOT / "reference", GRADER / "specs", ROOT / "tests", ROOT / "exercises"]
    for package in ("reference", "solutions", "grader.specs"):
        spec = importlib.util.find_spec(package)
        if spec is not None and spec.submodule_search_locations:
            folders += [Path(p) for p in spec.submodule_search_locations]
    return tuple(sorted({str(f.resolve()) for f in folders}))


def grader_fingerprint(settings: Settings) -> str:
    """What the cache is keyed on: the grader's code and references (`course.grader_digest`), the limits,
    and whether learner code was confined; not by what (the same class graded here and on Dask shares
    a cache, and the confinement is named once per run by the gradebook)."""
    return course.grader_digest(settings.timeout, settings.memory_mb, settings.confinement is not None)


UNCONFINABLE_ADVICE = ("Grade on a Linux machine with Landlock (see the README), or pass --unconfined to grade anyway, "
                      "with learner code held only by Python-level checks")


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
    workspace_root = Path(tempfile.mkdtemp(prefix="lesson7-grading-"))  # mode 0700: only the graders enter
    try:
        context = multiprocessing.get_context("fork")  # everything is imported already: each costs a fork
        # What is loaded now (torch, pandas, hypothesis, the specs) outlives the graders: frozen, their
        # collections skip it (measured: 8 full ones of about 0.2 s each per grader) and leave its pages shared.
        gc.freeze()
        with context.Pool(min(jobs, len(todo)), initializer=_start_grader,
                          initargs=(settings, str(workspace_root), secret)) as pool:
            yield from pool.imap_unordered(_grade_student, todo)
    finally:
        gc.unfreeze()
        shutil.rmtree(workspace_root, ignore_errors=True)


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
    secret, and the folder the students' workspaces go in. Local grading has one per process of its
    pool; a Dask worker has one, which grades its students one at a time."""

    def __init__(self, settings: Settings, workspace_root: Path, secret: bytes) -> None:
        from grader.sandbox.forkserver import ForkServer

        self.settings, self.workspace_root, self.secret = settings, workspace_root, secret
        self.exercises = course.all_exercises()
        self.server = ForkServer(confined=settings.confinement is not None)

    def grade(self, student: Student) -> dict:
        """The student's results, as plain data; a failing fork server costs a new one, not points."""
        from grader.sandbox.forkserver import ForkServer, ServerFailed

        failure = ""
        for _ in range(SERVER_ATTEMPTS):
            try:
                return grade_student(student, self.server, self.settings, self.workspace_root, self.exercises,
                                     self.secret)
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
    from grader.feedback import not_run
    from grader.result import Status

    rows = [_bounded(not_run(c, Status.GRADER_ERROR, f"{why}; tell your instructor").as_dict())
            for ex in exercises.values() for c in ex.checks]
    return {"student": student.name, "problem": True, "results": rows}


_grader: Grader | None = None  # this pool process's


def _start_grader(settings: Settings, workspace_root: str, secret: bytes) -> None:
    from multiprocessing.util import Finalize

    global _grader
    _grader = Grader(settings, Path(workspace_root), secret)
    Finalize(None, _grader.close, exitpriority=10)


def _grade_student(student: Student) -> dict:
    assert _grader is not None, "a pool process grades only after _start_grader"
    return _grader.grade(student)


def grade_student(student: Student, server: Any, settings: Settings, workspace_root: Path, exercises: dict,
                  secret: bytes | None) -> dict:
    from grader import engine
    from grader.feedback import not_run
    from grader.learner import Learner
    from grader.loading import LoadFailed, read_notebook, read_source
    from grader.sandbox.policy import Limits
    from grader.result import PROBLEMS, Status
    from grader.sandbox.runner import SandboxRunner

    workspace = Path(tempfile.mkdtemp(dir=workspace_root))  # 0700, and Landlock keeps every other worker out
    sources = workspace / "src"  # the student's files: read-only to the worker
    (workspace / "work").mkdir()  # the worker's working folder: the only place it may write
    sources.mkdir()
    learners: dict[str, Learner] = {}
    limits = Limits(memory_mb=settings.memory_mb, cpu_seconds=int(settings.student_timeout) + 60)
    runner = SandboxRunner(server, workspace, list(settings.protected), limits)
    for name, file in student.files.items():
        path = sources / file.name
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        with os.fdopen(fd, "wb") as f:
            f.write(file.data)
        notebook = None
        try:
            # What the from-scratch scan reads, and where a notebook's grade cells are: taken before any learner code runs.
            source = read_source(path)
            notebook = read_notebook(path) if path.suffix == ".ipynb" else None
        except (OSError, LoadFailed, UnicodeDecodeError):
            source = ""
        learners[name] = Learner(name, path, runner, display=f"{student.name}/{file.name}", source=source,
                                 notebook=notebook)
    deadline = time.monotonic() + settings.student_timeout
    rows = []
    try:
        for name, exercise in exercises.items():
            refused = student.refused.get(name) or student.refused.get("*")
            if name not in learners:
                why = (f"{refused}: 0 points for this exercise." if refused else
                       f"{name}.py (or {name}.ipynb) is missing from the submission: 0 points for this exercise.")
                status = Status.LOAD if refused else Status.MISSING
                rows += [_bounded(not_run(c, status, why).as_dict()) for c in exercise.checks]
                continue
            for check in exercise.checks:
                if time.monotonic() > deadline:
                    why = f"the time for grading this student ({settings.student_timeout:g} s) ran out before this check"
                    rows.append(_bounded(not_run(check, Status.TIMEOUT, why).as_dict()))
                    continue
                result = engine.run_check(check, learners[name], settings.timeout, secret)
                rows.append(_bounded(result.as_dict()))  # the typed fields too
    finally:
        runner.shutdown()
        shutil.rmtree(workspace, ignore_errors=True)
    problem = any(r["status"] in PROBLEMS for r in rows)
    return {"student": student.name, "problem": problem, "results": rows}


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
