"""`pytest exercises/`: one pytest item per check id, failing with the grader's own message.

`exercises/conftest.py` imports these hooks. `pytest exercises/ex01_dot.py` and `-k` work as usual.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest

from grader.course import EXERCISE_FILE
from grader.result import CheckFailed


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    # Files named on the command line come through pytest_pycollect_makemodule instead.
    if EXERCISE_FILE.fullmatch(file_path.name) and file_path.suffix == ".py" and not parent.session.isinitpath(file_path):
        return ExerciseFile.from_parent(parent, path=file_path)
    return None


def pytest_pycollect_makemodule(module_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if EXERCISE_FILE.fullmatch(module_path.name) and module_path.suffix == ".py":
        return ExerciseFile.from_parent(parent, path=module_path)
    return None


class ExerciseFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        from grader import course
        from grader.learner import InProcessRunner, Learner

        exercise = course.all_exercises().get(self.path.stem)
        if exercise is None:
            return
        learner = Learner(exercise.name, self.path, InProcessRunner())  # one import of the file for all its checks
        for check in exercise.checks:
            yield CheckItem.from_parent(self, name=check.id, check=check, learner=learner)


class CheckItem(pytest.Item):
    def __init__(self, *, check: Any, learner: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.check, self.learner = check, learner

    def runtest(self) -> None:
        from grader import engine, message

        result = engine.run_check(self.check, self.learner)
        if not result.passed:
            raise CheckFailed("\n".join([f"{result.check} (0/{result.max_points})", *message.message_lines(result)]))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, CheckFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"{self.check.id} ({self.check.points} points)"
