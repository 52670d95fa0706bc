"""The corpus: wrong versions learners really write are caught by the check meant for each, with
that check's message; correct versions in other styles get full marks."""
from __future__ import annotations

from collections import Counter

import pytest

from corpus_tools import load_cases
from grader import course

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_corpus_case(case, grade_source):
    exercise = course.all_exercises()[case.exercise]
    only = None if case.full_marks else [*case.fails, *case.passes]
    results = grade_source(case.exercise, case.source(), only=only)
    if case.full_marks:
        failed = {k: r.message for k, r in results.items() if not r.passed}
        assert not failed, "\n\n".join(f"{k}:\n{v}" for k, v in failed.items())
        assert sum(r.points for r in results.values()) == exercise.max_points
    for check, text in case.fails.items():
        assert not results[check].passed, f"{check} passed, but this version is wrong"
        assert text in results[check].message, f"{check} message lacks {text!r}:\n{results[check].message}"
    for check in case.passes:
        assert results[check].passed, f"{check}:\n{results[check].message}"


def test_every_public_name_has_five_wrong_and_three_correct_versions():
    wrong, right = Counter(), Counter()
    for case in CASES:
        if case.full_marks:
            for name in _names_defined(case):
                right[(case.exercise, name)] += 1
        for name in {check.split(".")[0] for check in case.fails}:
            wrong[(case.exercise, name)] += 1
    short = [f"{ex}.{name}: {wrong[(ex, name)]} wrong, {right[(ex, name)]} correct"
             for ex, exercise in course.all_exercises().items() for name in exercise.names
             if wrong[(ex, name)] < 5 or right[(ex, name)] < 3]
    assert not short, "corpus too thin:\n" + "\n".join(short)


def _names_defined(case) -> set[str]:
    import ast

    return {n.name for n in ast.parse(case.path.read_text()).body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}


def test_every_check_is_shown_to_fail_on_a_wrong_version():
    """A check that no wrong version fails could be a check that cannot fail."""
    shown = {check for case in CASES for check in case.fails}
    never = [c.id for e in course.all_exercises().values() for c in e.checks if c.id not in shown]
    assert not never, f"no corpus case fails: {never}"
