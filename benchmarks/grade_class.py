"""Seconds per student for `python -m grader grade`, on a generated class.

    python benchmarks/grade_class.py --students 50 [--jobs 2] [--keep DIR]

Each student hands in, for every exercise, the worked solution, the untouched stub or a version from
the corpus (tests/corpus), drawn with a fixed seed; every file gets a comment with the student's id,
so no two students share a file and nothing is reused from a cache. Prints the wall time of the
whole `grade` command, seconds per student, and the mean score.
"""
from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import course  # noqa: E402
from grader.corpus import load_cases  # noqa: E402
from grader.build import stub_source  # noqa: E402


def make_class(folder: Path, n: int, seed: int = 0) -> None:
    draw = random.Random(seed)
    cases: dict[str, list[str]] = {name: [] for name in course.names()}
    for case in load_cases():
        cases[case.exercise].append(case.source())
    for i in range(n):
        student = folder / f"student{i:03d}"
        student.mkdir(parents=True)
        for name in course.names():
            kind = draw.choices(["solution", "stub", "corpus"], weights=[4, 2, 4])[0]
            source = {"solution": lambda: (ROOT / "solutions" / f"{name}.py").read_text(),
                      "stub": lambda: stub_source((ROOT / "solutions" / f"{name}.py").read_text(), name),
                      "corpus": lambda: draw.choice(cases[name])}[kind]()
            (student / f"{name}.py").write_text(f"# {student.name}\n{source}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="build the class and the grades here instead of a temporary folder")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="grade-class-"))
    submissions, out = base / "class", base / "grades"
    make_class(submissions, args.students)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "grader", "grade", str(submissions), "--out", str(out),
                           "--jobs", str(args.jobs), "--force"], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode:
        sys.exit(done.stderr[-3000:])
    with open(out / "gradebook.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    mean = sum(int(r["points"]) for r in rows) / args.students
    most = sum(int(r["max_points"]) for r in rows) / args.students
    print(done.stdout.strip())
    print(f"{args.students} students, {len(course.names())} exercises, --jobs {args.jobs}: {seconds:.1f} s wall, "
          f"{seconds / args.students:.2f} s per student (mean score {mean:.1f}/{most:.0f})")


if __name__ == "__main__":
    main()
