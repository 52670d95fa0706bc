"""Running `python -m grader grade` from the tests, and reading what it wrote."""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from confinement_tools import confinement_flags
from grader.course import ROOT

SECRET = b"one grading secret for both sides of a comparison"


def grade(submissions: Path, out: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "grader", "grade", str(submissions), "--out", str(out), "--jobs", "2",
               *confinement_flags(), *extra]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)


def rows_by_student(out: Path) -> dict[str, list[dict]]:
    with open(out / "gradebook.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    students: dict[str, list[dict]] = {}
    for row in rows:
        students.setdefault(row["student"], []).append(row)
    return students


def points(rows: list[dict], exercise: str | None = None) -> int:
    return sum(int(r["points"]) for r in rows if exercise is None or r["exercise"] == exercise)
