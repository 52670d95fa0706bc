"""nbgrader's autograde against `python -m grader grade`, on the same submitted/ folder.

    python benchmarks/vs_nbgrader.py --students 20 [--jobs N] [--keep DIR] [EXERCISE ...]

Builds an nbgrader course from the solutions (`python -m grader notebooks`, then generate_assignment),
submits N students whose notebooks mix worked solutions, untouched releases and the corpus's wrong
and alternative versions (tests/corpus, drawn with a fixed seed), then times `nbgrader autograde`
and `python -m grader grade submitted --out DIR`. Prints both wall times, their ratio, and whether
every student's total agrees (nbgrader's export against the gradebook's points).
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import course_tools as tools  # noqa: E402
from grader.corpus import load_cases  # noqa: E402
from grader import course, notebook_build  # noqa: E402


def submit_students(course: Path, exercises: list[str], n: int, seed: int = 0) -> dict[str, str]:
    """N students; for each exercise a student hands in the solution, the untouched release or a corpus case."""
    draw = random.Random(seed)
    cases = {e: [c for c in load_cases() if c.exercise == e] for e in exercises}
    kinds: dict[str, str] = {}
    for i in range(n):
        student = f"student{i:03d}"
        for exercise in exercises:
            release, solutions = tools.released(course, exercise), tools.solutions(course, exercise)
            kind = draw.choices(["solution", "release", "corpus"], weights=[4, 2, 4])[0]
            if kind == "corpus" and cases[exercise]:
                case = draw.choice(cases[exercise])
                notebook, kind = notebook_build.submission(release, tools.answers_from_case(case, solutions)), case.id
            elif kind == "release":
                notebook = release
            else:
                notebook, kind = notebook_build.submission(release, solutions), "solution"
            tools.submit(course, student, exercise, notebook)
            kinds[f"{student}/{exercise}"] = kind
    return kinds


def timed(what: str, action):
    print(f"{what} ...", flush=True)
    start = time.perf_counter()
    value = action()
    return value, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=None, help="passed to `grader grade --jobs`")
    parser.add_argument("--keep", type=Path, help="build the course here and keep it (default: a temporary folder)")
    parser.add_argument("exercises", nargs="*", help="default: every exercise")
    args = parser.parse_args()
    exercises = [course.find(q) for q in args.exercises] or course.names()
    with tempfile.TemporaryDirectory() as folder:
        where = args.keep or Path(folder) / "course"
        where.mkdir(parents=True, exist_ok=True)
        tools.make_course(where, exercises)
        kinds = submit_students(where, exercises, args.students)
        print(f"course: {where}; {args.students} students x {len(exercises)} notebooks "
              f"({sum(k == 'solution' for k in kinds.values())} solutions, {sum(k == 'release' for k in kinds.values())} "
              f"untouched, {sum('/' in k for k in kinds.values())} corpus versions)")
        _, nbgrader_time = timed("nbgrader autograde", lambda: tools.nbgrader(where, "autograde", notebook_build.ASSIGNMENT))
        nbgrader_totals = tools.exported_totals(where)
        print(f"nbgrader autograde:   {nbgrader_time:8.1f} s")
        options = ["--jobs", str(args.jobs)] if args.jobs else []
        rows, grade_time = timed("python -m grader grade",
                                 lambda: tools.grader_grade(where / "submitted", where / "grader-out", *options))
        grader_totals = tools.totals(rows)
        print(f"python -m grader grade: {grade_time:6.1f} s")
        print(f"ratio: {nbgrader_time / grade_time:.1f}x (nbgrader autograde / grader grade; target: at least 20x)")
        disagree = {s: (t, grader_totals.get(s, 0.0)) for s, t in nbgrader_totals.items() if grader_totals.get(s, 0.0) != t}
        print(f"totals agree: {'yes' if not disagree else 'no'} ({len(nbgrader_totals) - len(disagree)} of "
              f"{len(nbgrader_totals)} students)")
        for student, (theirs, ours) in sorted(disagree.items()):
            handed_in = ", ".join(f"{e}: {kinds[f'{student}/{e}']}" for e in exercises)
            print(f"  {student}: nbgrader {theirs:g}, grader {ours:g} ({handed_in})")
        return 0 if not disagree else 1


if __name__ == "__main__":
    sys.exit(main())
