"""Grading draws inputs a learner cannot predict: every check draws part of its input (unless listed, with why,
in `grader.specs.FIXED_INPUTS`), and the solutions pass whatever the seed, with hypothesis' local-constants
pool switched off (so no check relies on constants found in loaded modules)."""
from __future__ import annotations

import hashlib

import hypothesis
import pytest
from hypothesis.internal.conjecture import providers

from grader.course import ROOT
from grader import course, engine, specs
from grader.learner import InProcessRunner
from grader.specs import FIXED_INPUTS


def test_every_check_draws_unless_exempt():
    checks = {c.id: c for e in course.all_exercises().values() for c in e.checks}
    fixed = sorted(cid for cid, c in checks.items() if c.given is None and cid not in FIXED_INPUTS)
    assert not fixed, f"checks with fixed examples only (a lookup table passes them); draw, or exempt with why: {fixed}"
    stale = sorted(cid for cid in FIXED_INPUTS if cid not in checks or checks[cid].given is not None)
    assert not stale, f"exempt, but unknown or drawing anyway: {stale}"
    assert all(len(why) > 40 for why in FIXED_INPUTS.values())
    # hypothesis' first drawn example is the simplest one, the same whatever the seed: only a second is the secret's
    once = sorted(cid for cid, c in checks.items() if c.given is not None and c.max_examples < 2)
    assert not once, f"checks that draw one example only, the same for every seed: {once}"


def test_the_first_drawn_example_is_the_same_for_every_seed():
    """Why every check draws at least two examples (hypothesis tries the simplest input first)."""
    from hypothesis import Phase, given, settings, strategies as st

    firsts = set()
    for salt in range(3):
        drawn = []
        run = given(st.tuples(st.integers(0, 10**6), st.sampled_from("ab")))(lambda x: drawn.append(x))
        settings(max_examples=2, database=None, phases=[Phase.generate])(hypothesis.seed(salt)(run))()
        firsts.add(drawn[0])
    assert firsts == {(0, "a")}


@pytest.fixture
def other_seeds(monkeypatch):
    """The engine's hypothesis seeds replaced as a grading secret replaces them, and no local constants."""
    seeded = []

    def use(salt: str) -> list:
        def salted(s: int):
            seeded.append(s)
            return hypothesis.seed(int.from_bytes(hashlib.sha256(f"{salt}:{s}".encode()).digest()[:8], "big"))

        monkeypatch.setattr(engine, "seed", salted)
        return seeded

    empty = providers.Constants(integers=providers.SortedSet(), floats=providers.SortedSet(key=providers.float_to_int),
                                bytes=providers.SortedSet(), strings=providers.SortedSet())
    monkeypatch.setattr(providers, "_get_local_constants", lambda: empty)
    providers.CONSTANTS_CACHE.cache.clear()
    yield use
    providers.CONSTANTS_CACHE.cache.clear()


def test_solutions_pass_whatever_the_seed(other_seeds):
    """(The public seeds are the other tests' business; `python tests/corpus_under_secrets.py` runs the whole corpus.)"""
    seeded = other_seeds("secret-1")
    failed = {}
    for name, exercise in course.all_exercises().items():
        results = engine.run_exercise(exercise, ROOT / "solutions" / f"{name}.py", runner=InProcessRunner())
        failed.update({r.check: r.message for r in results if not r.passed})
    assert seeded, "the engine no longer seeds hypothesis through engine.seed: this test must follow it"
    assert not failed, "\n\n".join(f"{k}:\n{v}" for k, v in failed.items())
