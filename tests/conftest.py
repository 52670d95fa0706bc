from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the tests' own helpers (*_tools.py)

from grader.course import ROOT  # noqa: E402

SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def fresh_build(tmp_path_factory):
    """A fresh build from solutions/ in a folder of its own, as a fresh clone has it (exercises/ and
    notebooks/). The tests check these, never the working files, which are the learner's to change."""
    from grader.maintainer import fresh_build

    return fresh_build(tmp_path_factory.mktemp("fresh-build"))


@pytest.fixture
def grade_source(tmp_path):
    """Grade a learner module given as source text, in this process: {check id: Result}."""
    from grader import course, engine
    from grader.learner import InProcessRunner

    def grade(exercise: str, source: str, only: list[str] | None = None,
              time_limit: float = engine.DEFAULT_TIME_LIMIT) -> dict:
        folder = tmp_path / exercise
        folder.mkdir(exist_ok=True)
        path = folder / f"{exercise}.py"
        path.write_text(source, encoding="utf-8")
        # Through grader.wire, as grading's workers send it: a value the wire cannot carry shows up here.
        results = engine.run_exercise(course.all_exercises()[exercise], path, only=only, time_limit=time_limit,
                                      runner=InProcessRunner(wire_check=True))
        return {r.check: r for r in results}

    return grade
