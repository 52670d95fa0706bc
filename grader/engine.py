"""Run checks: hypothesis draws inputs (derandomized, no database, bounded, no deadline), the
property compares, and the outcome becomes a typed `Result` (grader.result)."""
from __future__ import annotations

import hashlib
import hmac
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

from hypothesis import HealthCheck, Phase, Verbosity, example, given, seed, settings
from hypothesis.errors import Flaky

from grader import feedback
from grader.feedback import Abort, Failure
from grader.learner import InProcessRunner, Learner, Runner, display_path
from grader.result import Result, Status
from grader.specs import Check, Exercise
from grader.threads import single_threaded

DEFAULT_TIME_LIMIT = 10.0  # seconds of learner time per check
# Calls spent shrinking a failure before the smallest one found so far is reported. Hypothesis makes
# the big cuts first; without a bound, a slow wrong answer (pandas, training) can shrink for many
# seconds. A count, not a time, so that the same submission always gets the same message.
SHRINK_CALLS = 100

SETTINGS = settings(
    database=None,  # nothing remembered from earlier runs changes the inputs (each check has a fixed seed)
    deadline=None,  # slow machines must not turn into failures; the time limit guards hangs
    suppress_health_check=list(HealthCheck),
    phases=(Phase.explicit, Phase.generate, Phase.shrink),
    report_multiple_bugs=False,
    print_blob=False,
    verbosity=Verbosity.quiet,
)


def run_check(check: Check, learner: Learner, time_limit: float | None = DEFAULT_TIME_LIMIT,
              secret: bytes | None = None) -> Result:
    """Run one check. `secret` (grading) draws the inputs from it, so they differ from self-check's."""
    with single_threaded():  # the checks' tensors are tiny; on busy cores, waking threads costs more than it gives
        return _run_check(check, learner, time_limit, secret)


def _run_check(check: Check, learner: Learner, time_limit: float | None, secret: bytes | None) -> Result:
    learner = learner.at_check(check.id)  # a notebook's check sees the cells above its grade cell, as under nbgrader
    learner.runner.begin_check(time_limit)
    failures: list[Failure] = []
    calls_since_failure = [0]

    def attempt(case: object) -> None:
        if failures:
            calls_since_failure[0] += 1
            if calls_since_failure[0] > SHRINK_CALLS:
                raise _ShrinkingDone()
        try:
            check.prop(learner, case)
        except Failure as f:
            failures.append(f)
            raise

    try:
        _run_cases(check, attempt, secret)
    except Failure as f:
        return feedback.from_failure(check, f)
    except _ShrinkingDone:
        return feedback.from_failure(check, _smallest(failures))
    except Abort as a:
        if a.kind == "timeout" and failures:
            # Time ran out while shrinking: report the smallest failure found so far.
            return feedback.from_failure(check, _smallest(failures))
        return feedback.from_abort(check, a)
    except Flaky as e:
        return feedback.flaky(check, next((x for x in getattr(e, "exceptions", ()) if isinstance(x, Failure)), None))
    return feedback.passed(check)


def _run_cases(check: Check, attempt: Callable[[object], None], secret: bytes | None) -> None:
    """The explicit examples, then (with a strategy) hypothesis' generated ones, shrinking a failure."""
    if check.given is None:
        for case in check.examples:
            attempt(case)
        return
    test = given(check.given)(attempt)
    for case in reversed(check.examples):
        test = example(case)(test)
    test = seed(check_seed(check.id, secret))(test)
    with _without_local_constants():
        settings(SETTINGS, max_examples=check.max_examples)(test)()


def check_seed(check_id: str, secret: bytes | None = None) -> int:
    """The same submission always meets the same inputs: in self-check a seed from the check id alone
    (public), in grading one keyed by the grading secret, so a learner cannot record them beforehand."""
    digest = (hmac.new(secret, check_id.encode(), hashlib.sha256) if secret is not None
              else hashlib.sha256(check_id.encode())).digest()
    return int.from_bytes(digest[:8], "big")


@contextmanager
def _without_local_constants() -> Iterator[None]:
    """Hypothesis mixes in constants from the source of "local" modules loaded in this process (a
    learner's file in self-check, never in grading), so drawn inputs would depend on what is loaded
    and check and grade could disagree. Give it an empty pool while a check runs."""
    from hypothesis.internal.conjecture import providers

    found, cache = getattr(providers, "_get_local_constants", None), getattr(providers, "CONSTANTS_CACHE", None)
    if found is None or not hasattr(providers, "Constants"):  # a hypothesis without the pool
        yield
        return
    empty = providers.Constants()
    providers._get_local_constants = lambda: empty
    if cache is not None:
        cache.cache.clear()  # pools drawn before, with whatever was loaded then
    try:
        yield
    finally:
        providers._get_local_constants = found


class _ShrinkingDone(BaseException):
    """Stops hypothesis once SHRINK_CALLS are spent (a BaseException, so it is not shrunk itself)."""


def _smallest(failures: list[Failure]) -> Failure:
    """The failure with the shortest call: the input a learner can read and paste most easily."""
    return min(failures, key=lambda f: len(f.call or ""))


def run_exercise(exercise: Exercise, path: Path, runner: Runner | None = None,
                 only: Iterable[str] | None = None, time_limit: float | None = DEFAULT_TIME_LIMIT,
                 device: str = "cpu", secret: bytes | None = None) -> list[Result]:
    """Every check of `exercise` (or those whose id is in `only`) against the learner file at `path`."""
    wanted = set(only) if only is not None else None
    checks = [c for c in exercise.checks if wanted is None or c.id in wanted]
    if not path.exists():
        missing = f"{display_path(path)} is missing: there is nothing to check."
        return [feedback.not_run(c, Status.MISSING, missing) for c in checks]
    learner = Learner(exercise.name, path, runner or InProcessRunner(device))
    return [run_check(c, learner, time_limit, secret) for c in checks]


def learner_file(folder: Path, exercise: str) -> Path:
    """The learner's file for an exercise in `folder`: `exNN_name.py`, else `exNN_name.ipynb`."""
    py = folder / f"{exercise}.py"
    notebook = folder / f"{exercise}.ipynb"
    return notebook if not py.exists() and notebook.exists() else py
