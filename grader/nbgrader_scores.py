"""`python -m grader grade COURSE/submitted --nbgrader COURSE`: the isolated scores into nbgrader's gradebook.

nbgrader's autograde runs each grade cell in a kernel that the student's own cells ran in first, so a
solution cell can replace `grader.notebook.grade` (or anything else) and every grade cell passes: its
score is advisory. This writes the score that confined grading gave each check into the matching
grade cell (`check-<check id>`) of nbgrader's own gradebook, through `nbgrader.api.Gradebook`, so that
`nbgrader export` and formgrader show scores a submission could not forge. A submission nbgrader has
not seen yet is created first. Run it after `nbgrader autograde`, which would overwrite these scores.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class NbgraderError(ValueError):
    """The course or its gradebook cannot take the scores (the message is for the instructor)."""


@dataclass(frozen=True)
class Written:
    students: int
    grades: int
    created: int  # submissions nbgrader had not seen


def grade_cell(check_id: str) -> str:
    """The grade cell of a check in the course's notebooks (see grader.notebook_build)."""
    return "check-" + check_id.replace(".", "-")


def write_scores(course: Path, assignments: dict[str, str], students: list[dict]) -> Written:
    """Each graded row of `students` (grading's results) into the gradebook of `course`, under the
    assignment each student handed in (`assignments`: student -> assignment folder name)."""
    try:
        from nbgrader.api import Gradebook, MissingEntry
    except ImportError:
        raise NbgraderError("nbgrader is not installed in this Python (pip install nbgrader)") from None
    database = course / "gradebook.db"
    if not database.is_file():
        raise NbgraderError(f"{database} does not exist: run `nbgrader generate_assignment` in {course} first")
    grades = created = written = 0
    with Gradebook(f"sqlite:///{database}") as gradebook:
        for student in students:
            name, assignment = student["student"], assignments.get(student["student"])
            if assignment is None:
                continue
            try:
                gradebook.find_assignment(assignment)
            except MissingEntry:
                raise NbgraderError(f"the gradebook of {course} has no assignment {assignment!r} (handed in by "
                                    f"{name}): run `nbgrader generate_assignment {assignment}` first") from None
            gradebook.update_or_create_student(name)
            try:
                gradebook.find_submission(assignment, name)
            except MissingEntry:
                gradebook.add_submission(assignment, name)
                created += 1
            for row in student["results"]:
                try:
                    grade = gradebook.find_grade(grade_cell(row["check"]), row["exercise"], assignment, name)
                except MissingEntry:  # a notebook or check this course does not have
                    continue
                grade.auto_score = float(row["points"])
                grades += 1
            gradebook.db.commit()
            written += 1
    return Written(written, grades, created)
