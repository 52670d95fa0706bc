"""The grader's handle on one learner file.

Checks never touch learner objects. They ask for a call (`learner.call("dot", u, v)`) or a probe,
a runner carries it out (in this process, or in an isolated worker), and an `Answer` of plain values
comes back. Outcomes that end the check (not implemented yet, missing name, import error, time
limit, crash) become `Abort`; an exception the learner's code raised becomes a shrinkable `Failure`.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Protocol

from grader import as_python, timelimit, wire
from grader.feedback import Abort, Failure
from grader.loading import LoadFailed, load_module, read_source
from grader.probes import ErrorInfo, Outcome, common, probe_id, run_probe
from grader.from_scratch.rules import RULES
from grader.from_scratch.source import scan


@dataclass(frozen=True)
class Answer:
    describe: Callable[[], str]  # the call as Python source, rendered only when a message needs it
    value: Any
    error: ErrorInfo | None
    printed: str
    violations: tuple[str, ...]

    @cached_property
    def call(self) -> str:
        return self.describe()


class Runner(Protocol):
    def begin_check(self, seconds: float | None) -> None: ...

    def run(self, path: Path, display: str, probe: str, args: tuple, kwargs: dict, watch: str | None) -> Outcome: ...


class Learner:
    def __init__(self, exercise: str, path: Path, runner: Runner, display: str | None = None,
                 source: str | None = None) -> None:
        self.exercise, self.path, self.runner = exercise, Path(path), runner
        self.display = display or display_path(self.path)
        self._source = source  # the code to scan when it is not the file at `path` (a notebook kernel's cells)
        self._scans: dict[str, list[str]] = {}

    def call(self, name: str, *args: Any, watch: bool = False, expect_error: bool = False, **kwargs: Any) -> Answer:
        """`name(*args, **kwargs)` in the learner's module. `watch` applies the name's from-scratch rule."""
        return self.probe(common.call, name, list(args), kwargs, call=lambda: as_python.call_text(name, args, kwargs),
                          watch=name if watch else None, expect_error=expect_error)

    def probe(self, probe: Callable[..., Any], *args: Any, call: str | Callable[[], str], watch: str | None = None,
              expect_error: bool = False, **kwargs: Any) -> Answer:
        """Run `probe` (a function of grader.probes) on the learner's module; `call` is what the learner would
        type to do the same."""
        outcome = self.runner.run(self.path, self.display, probe_id(probe), args, kwargs, watch)
        describe = call if callable(call) else (lambda: call)
        answer = Answer(describe, outcome.value, outcome.error, outcome.printed, outcome.violations)
        if outcome.error is not None:
            _escalate(answer, expect_error, self.display)
        return answer

    def source(self) -> str:
        if self._source is not None:
            return self._source
        try:
            return read_source(self.path)
        except (OSError, LoadFailed):
            return ""

    def scan(self, name: str) -> list[str]:
        """Where the learner's source reaches what `name`'s from-scratch rule forbids (read once)."""
        if name not in self._scans:
            self._scans[name] = scan(self.source(), name, RULES[name])
        return self._scans[name]


def _escalate(answer: Answer, expect_error: bool, display: str) -> None:
    error = answer.error
    assert error is not None
    where = f" ({error.where})" if error.where else ""
    if error.kind == "raised" and error.type == "NotImplementedError":
        line, _, function = error.where.partition(":")[0].partition(" in ")
        name = function or answer.call.split("(")[0]
        raise Abort(f"not implemented yet: {name} still raises NotImplementedError ({display}{', ' + line if line else ''}).",
                    call=answer.call, kind="todo")
    if error.kind == "raised":
        if expect_error:
            return
        raise Failure(f"raised {error.type}: {error.message}", call=answer.call, detail=where.strip(" ()") or None,
                      printed=answer.printed)
    if error.kind == "probe":
        raise Failure(f"a value the grader could not use ({error.type}: {error.message})", call=answer.call,
                      printed=answer.printed)
    if error.kind == "exit":
        raise Abort(f"{answer.call} {error.message}{where}: the check cannot go on after that.", call=answer.call,
                    kind="exit")
    if error.kind in ("timeout", "crash"):
        raise Abort(f"{answer.call} {error.message}", call=answer.call, kind=error.kind)
    raise Abort(error.message, call=answer.call, kind=error.kind)  # load, missing


def display_path(path: Path) -> str:
    """`exercises/ex01_dot.py` below the working folder, the absolute path elsewhere."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(Path(path).resolve()) if relative.startswith("..") else relative


class CheckBudget:
    """The learner time a check has left: only time spent in learner code counts, so a slow reference
    or a busy hypothesis never costs the learner."""

    def __init__(self) -> None:
        self.left: float | None = None
        self.limit: float | None = None

    def begin(self, seconds: float | None) -> None:
        self.left = self.limit = seconds

    @property
    def spent(self) -> bool:
        return self.left is not None and self.left <= 0

    def charge(self, seconds: float) -> None:
        if self.left:
            self.left = max(0.0, self.left - seconds)

    def exhaust(self) -> Outcome:
        """Mark the time as gone, and the outcome that says so."""
        self.left = 0
        return self.timed_out()

    def timed_out(self) -> Outcome:
        return Outcome(error=ErrorInfo("timeout", "TimeLimit",
                                       f"took longer than {self.limit:g} s: is there a loop that never ends?"))


class InProcessRunner:
    """Runs learner code in this process, with a per-check time limit on the learner's own time."""

    def __init__(self, device: str = "cpu", wire_check: bool = False, modules: dict[Path, Any] | None = None) -> None:
        self.device = device
        self.wire_check = wire_check  # send everything through grader.wire, as grading's workers do (tests)
        # Learner modules by path; `modules` gives some already made (a notebook kernel's namespace).
        self._modules: dict[Path, Any] = dict(modules or {})
        self.budget = CheckBudget()

    def begin_check(self, seconds: float | None) -> None:
        self.budget.begin(seconds)

    def run(self, path: Path, display: str, probe: str, args: tuple, kwargs: dict, watch: str | None) -> Outcome:
        if self.budget.spent:
            return self.budget.timed_out()
        start = time.perf_counter()
        try:
            if self.wire_check:
                args, kwargs = wire.loads(wire.dumps((args, kwargs)))
            with timelimit.limit(self.budget.left):
                outcome = run_probe(self._module(path, display), probe, args, kwargs, watch, self.device)
            return wire.loads(wire.dumps(outcome)) if self.wire_check else outcome
        except timelimit.TimeLimit:
            if path not in self._modules:
                self._modules[path] = LoadFailed(f"{display} took longer than {self.budget.limit:g} s to import")
            return self.budget.exhaust()
        finally:
            self.budget.charge(time.perf_counter() - start)

    def _module(self, path: Path, display: str) -> Any:
        if path not in self._modules:
            try:
                self._modules[path] = load_module(path, display)
            except LoadFailed as e:
                self._modules[path] = e
        return self._modules[path]
