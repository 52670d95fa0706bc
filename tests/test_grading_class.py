"""A generated class graded confined agrees with the in-process self-check, check by check. (Its own
file: the longest test of the suite, so that pytest-xdist can run it beside the rest of test_grading.py.)"""
from __future__ import annotations

import random

from grader import course
from grader.corpus import stub
from grader.course import ROOT
from grading_tools import SECRET, grade, points, rows_by_student


def test_generated_class_matches_the_self_check_point_for_point(tmp_path):
    """50 students mixing solutions, stubs, wrong and alternative corpus versions and missing files: the
    isolated grade must equal the in-process run of the same files with the same secret, check by check."""
    from grader.corpus import load_cases
    from grader import engine
    from grader.learner import InProcessRunner

    exercises = course.all_exercises()
    variants: dict[str, list[str]] = {}
    for name in exercises:
        cases = [c for c in load_cases() if c.exercise == name]
        wrong, right = [c for c in cases if c.fails][:3], [c for c in cases if c.full_marks][:1]
        variants[name] = [(ROOT / "solutions" / f"{name}.py").read_text(), stub(name),
                          *(c.source() for c in wrong + right)]

    submissions = tmp_path / "class"
    expected: dict[tuple[str, str], dict] = {}
    memo: dict[tuple[str, str], dict] = {}
    draw = random.Random(7)
    for i in range(50):
        student = submissions / f"student{i:02d}"
        student.mkdir(parents=True)
        for name in exercises:
            # Like a class mid-course: many files not handed in yet or untouched, some wrong, some right.
            kind = draw.choices(["missing", "stub", "wrong", "right"], weights=[4, 2, 2, 2])[0]
            if kind == "missing":
                continue
            pool = {"stub": variants[name][1:2], "wrong": variants[name][2:5], "right": variants[name][:1] + variants[name][5:]}
            source = draw.choice(pool[kind])
            path = student / f"{name}.py"
            path.write_text(source)
            if (name, source) not in memo:
                results = engine.run_exercise(exercises[name], path, runner=InProcessRunner(), secret=SECRET)
                memo[name, source] = {r.check: r.points for r in results}
            expected[student.name, name] = memo[name, source]
    out = tmp_path / "grades"
    (tmp_path / "secret").write_bytes(SECRET)
    done = grade(submissions, out, "--secret", str(tmp_path / "secret"))
    assert done.returncode == 0, done.stderr[-3000:]
    students = rows_by_student(out)
    assert len(students) == 50
    for (student, name), by_check in expected.items():
        got = {r["check"]: int(r["points"]) for r in students[student] if r["exercise"] == name}
        assert got == by_check, (student, name)
    for student, rows in students.items():
        for name in exercises:
            if (student, name) not in expected:  # the missing files
                assert points(rows, name) == 0
