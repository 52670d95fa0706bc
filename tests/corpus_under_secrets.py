"""The corpus graded as `grade` grades it: under seeds a grading secret would give, with hypothesis' local-constants
pool switched off. Too slow for the suite (a corpus run per seed); run it after changing a spec or a strategy:

    python tests/corpus_under_secrets.py [--salts 1,2,3] [--rates N] [PATTERN ...]

Reports every corpus expectation that fails under some seed (a right version failing, a wrong version passing, a
message that names something else). With --rates N it also draws N inputs for every (wrong version, check) pair
that no fixed example catches, and lists the pairs whose drawn examples could all miss (chance above 1e-4): a
grading secret that lets a wrong version through.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import warnings
from pathlib import Path

import hypothesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.internal.conjecture import providers

from grader import course, engine  # noqa: E402
from grader.corpus import load_cases  # noqa: E402
from grader.feedback import Abort, Failure  # noqa: E402
from grader.learner import InProcessRunner, Learner  # noqa: E402


def no_local_constants() -> None:
    empty = providers.Constants(integers=providers.SortedSet(), floats=providers.SortedSet(key=providers.float_to_int),
                                bytes=providers.SortedSet(), strings=providers.SortedSet())
    providers._get_local_constants = lambda: empty
    providers.CONSTANTS_CACHE.cache.clear()


def salted(salt: str):
    return lambda s: hypothesis.seed(int.from_bytes(hashlib.sha256(f"{salt}:{s}".encode()).digest()[:8], "big"))


def expectations(cases, salt: str, folder: Path) -> list[str]:
    engine.seed = salted(salt)
    problems = []
    for case in cases:
        path = folder / salt / case.path.stem / f"{case.exercise}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(case.source(), encoding="utf-8")
        only = None if case.full_marks else [*case.fails, *case.passes]
        results = {r.check: r for r in engine.run_exercise(course.all_exercises()[case.exercise], path, only=only,
                                                           runner=InProcessRunner(wire_check=True))}
        wanted = {**{k: True for k in (results if case.full_marks else case.passes)}, **{k: False for k in case.fails}}
        for check, passes in wanted.items():
            result = results[check]
            if result.passed != passes:
                problems.append(f"salt {salt}: {case.id} {check}: {'failed' if passes else 'passed'}")
            elif not passes and case.fails[check] not in result.message:
                problems.append(f"salt {salt}: {case.id} {check}: message lacks {case.fails[check]!r}")
    return problems


def weak_pairs(cases, draws: int, folder: Path) -> list[str]:
    checks = {c.id: c for e in course.all_exercises().values() for c in e.checks}
    weak = []
    for case in [c for c in cases if c.fails]:
        path = folder / "rates" / case.path.stem / f"{case.exercise}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(case.source(), encoding="utf-8")
        learner = Learner(case.exercise, path, InProcessRunner())
        for check_id in case.fails:
            check = checks[check_id]

            def caught(x, check=check) -> bool:
                learner.runner.begin_check(10)
                try:
                    check.prop(learner, x)
                    return False
                except (Failure, Abort):
                    return True

            if any(caught(x) for x in check.examples) or check.given is None:
                continue
            tally = [0, 0]

            def count(x, caught=caught) -> None:
                tally[caught(x)] += 1

            draw = given(check.given)(lambda x: count(x))
            settings(max_examples=draws, database=None, deadline=None, phases=[Phase.generate],
                     suppress_health_check=list(HealthCheck))(hypothesis.seed(777)(draw))()
            rate = tally[1] / max(1, sum(tally))
            miss = (1 - rate) ** check.max_examples
            if miss > 1e-4:
                weak.append(f"{case.id} {check_id}: caught by {rate:.0%} of draws; all {check.max_examples} miss "
                            f"with chance {miss:.1g}")
    return weak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--salts", default="1,2,3")
    parser.add_argument("--rates", type=int, default=0, help="draws per (wrong version, check) pair; 0: skip")
    parser.add_argument("patterns", nargs="*", help="only corpus cases whose id contains one of these")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    no_local_constants()
    cases = [c for c in load_cases() if not args.patterns or any(p in c.id for p in args.patterns)]
    with tempfile.TemporaryDirectory() as tmp:
        problems = [p for salt in args.salts.split(",") for p in expectations(cases, salt, Path(tmp))]
        weak = weak_pairs(cases, args.rates, Path(tmp)) if args.rates else []
    print("\n".join(problems + weak))
    print(f"{len(cases)} corpus cases, salts {args.salts}: {len(problems)} failed expectations"
          + (f", {len(weak)} weak (wrong version, check) pairs" if args.rates else ""))
    sys.exit(1 if problems or weak else 0)


if __name__ == "__main__":
    main()
