"""A temporary nbgrader course run for real: build it, submit students, autograde, export, and read
back what nbgrader and `python -m grader grade` gave. Used by tests/test_nbgrader.py and by
benchmarks/vs_nbgrader.py."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import nbformat

from grader.course import ROOT
from grader import notebook_build
from grader.notebook_build import ASSIGNMENT


def environment() -> dict[str, str]:
    """For nbgrader and the kernels it starts: this checkout's `grader` importable, and this Python's
    scripts (nbgrader runs `alembic`) on PATH."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def run(course: Path, *command: str) -> subprocess.CompletedProcess:
    done = subprocess.run(list(command), cwd=course, env=environment(), capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    return run(course, sys.executable, "-m", "nbgrader", *args)


def make_course(course: Path, exercises: list[str]) -> None:
    """The course's source notebooks, and their release made by nbgrader's generate_assignment."""
    notebook_build.write_course(course, ROOT, exercises)
    nbgrader(course, "generate_assignment", ASSIGNMENT)


def read(path: Path) -> Any:
    return nbformat.read(path, as_version=4)


def released(course: Path, exercise: str) -> Any:
    return read(course / "release" / ASSIGNMENT / f"{exercise}.ipynb")


def solutions(course: Path, exercise: str) -> dict[str, str]:
    return notebook_build.solutions_of(read(course / "source" / ASSIGNMENT / f"{exercise}.ipynb"))


def submit(course: Path, student: str, exercise: str, notebook: Any) -> None:
    folder = course / "submitted" / student / ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, folder / f"{exercise}.ipynb")


def exported_totals(course: Path) -> dict[str, float]:
    """Student -> score, from `nbgrader export`'s grades.csv."""
    nbgrader(course, "export")
    with open(course / "grades.csv", newline="") as f:
        return {row["student_id"]: float(row["score"]) for row in csv.DictReader(f)}


def cell_scores(course: Path, student: str, exercise: str) -> dict[str, tuple[float, float]]:
    """grade_id -> (score, max score) of each grade cell nbgrader autograded for a student's notebook."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        notebook = gradebook.find_submission_notebook(exercise, ASSIGNMENT, student)
        return {g.name: (g.score, g.max_score) for g in notebook.grades}


def grader_grade(submissions: Path, out: Path, *options: str) -> list[dict[str, str]]:
    """`python -m grader grade SUBMISSIONS --out OUT`: the rows of OUT/gradebook.csv."""
    from confinement_tools import confinement_flags

    run(ROOT, sys.executable, "-m", "grader", "grade", str(submissions), "--out", str(out), *confinement_flags(), *options)
    with open(out / "gradebook.csv", newline="") as f:
        return list(csv.DictReader(f))


def totals(rows: list[dict[str, str]]) -> dict[str, float]:
    points: dict[str, float] = defaultdict(float)
    for row in rows:
        points[row["student"]] += float(row["points"])
    return dict(points)
