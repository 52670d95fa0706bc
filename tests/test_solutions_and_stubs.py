"""Every worked solution gets every point; every untouched stub gets none, saying "not implemented yet".

The stubs are a fresh build from solutions/ (the `fresh_build` fixture), so the learner's work in
exercises/ never changes what these tests see."""
from __future__ import annotations

import pytest

from corpus_tools import ROOT
from grader import course, engine
from grader.learner import InProcessRunner

EXERCISES = course.names()


@pytest.mark.parametrize("exercise", EXERCISES)
def test_solution_passes_every_check(exercise):
    # Through the wire format, as in grading: every probe must take and give plain data only.
    results = engine.run_exercise(course.all_exercises()[exercise], ROOT / "solutions" / f"{exercise}.py",
                                  runner=InProcessRunner(wire_check=True))
    failed = {r.check: r.message for r in results if not r.passed}
    assert not failed, "\n\n".join(f"{k}:\n{v}" for k, v in failed.items())
    assert sum(r.points for r in results) == course.all_exercises()[exercise].max_points


@pytest.mark.parametrize("exercise", EXERCISES)
def test_untouched_stub_fails_every_check_as_not_implemented(exercise, fresh_build):
    results = engine.run_exercise(course.all_exercises()[exercise], fresh_build / "exercises" / f"{exercise}.py")
    assert results
    for r in results:
        assert not r.passed and r.points == 0, r.check
        assert "not implemented yet" in r.message, f"{r.check}:\n{r.message}"
