"""A temporary nbgrader course run for real: build it, submit students, autograde, export, and read
back what nbgrader and `python -m grader grade` gave. Used by tests/test_nbgrader.py and by
benchmarks/vs_nbgrader.py."""
from __future__ import annotations

import ast
import csv
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import nbformat

from grader.corpus import Case
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


def answers_from_case(case: Case, solutions: dict[str, str]) -> dict[str, str]:
    """The solution cells of a submission that wrote the corpus case: its definitions go in the cells of
    the same names, with its imports, constants and helpers in front; other cells keep the solution."""
    tree = ast.parse(case.path.read_text(encoding="utf-8"))
    text = case.path.read_text(encoding="utf-8")
    named = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and f"solution-{n.name}" in solutions]
    rest = [ast.get_source_segment(text, n, padded=False) for n in tree.body if n not in named]
    answers = dict(solutions)
    for node in named:
        first = min([node.lineno] + [d.lineno for d in node.decorator_list])
        definition = "\n".join(text.splitlines()[first - 1: node.end_lineno])
        answers[f"solution-{node.name}"] = "\n\n".join([*rest, definition]) + "\n"
    return answers


# Two versions from tests/corpus/ex06_cross_entropy in one notebook: a softmax that calls log_softmax, whose
# cell comes later, and a binary_cross_entropy cell that starts a thread on import. Under nbgrader each
# grade cell runs when only the cells above it have run, so softmax's checks meet a NameError and
# log_softmax's from-scratch check runs before the thread exists.
OUT_OF_ORDER = ["right_softmax_via_log_softmax", "wrong_bce_thread_started_on_import"]


def out_of_order_answers(solutions: dict[str, str]) -> dict[str, str]:
    """ex06's solution cells (grade_id -> source) with the OUT_OF_ORDER corpus versions in place."""
    from grader import corpus
    from grader.course import all_exercises

    cases = {c.path.stem: c for c in corpus.load(all_exercises()["ex06_cross_entropy"])}
    for name in OUT_OF_ORDER:
        solutions = answers_from_case(cases[name], solutions)
    return solutions


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
