"""The grader's handle on one learner file.

Checks never touch learner objects. They ask for a call (`learner.call("dot", u, v)`) or a probe,
a runner carries it out (in this process, or in an isolated worker), and an `Answer` of plain values
comes back. Outcomes that end the check (not implemented yet, missing name, import error, time
limit, crash) become `Abort`; an exception the learner's code raised becomes a shrinkable `Failure`.
"""
from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Protocol

from grader import as_python, timelimit, wire
from grader.feedback import Abort, Failure
from grader.loading import LearnerFile, LoadFailed, Notebook, read_notebook, read_source
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

    def run(self, path: Path, display: str, probe: str, args: tuple, kwargs: dict, watch: str | None,
            cells: int | None = None) -> Outcome: ...


class Learner:
    def __init__(self, exercise: str, path: Path, runner: Runner, display: str | None = None,
                 source: str | None = None, notebook: Notebook | None = None, cells: int | None = None) -> None:
        self.exercise, self.path, self.runner = exercise, Path(path), runner
        self.display = display or display_path(self.path)
        self._source = source  # the code to scan when it is not the file at `path` (a notebook kernel's cells)
        self._notebook = notebook  # a notebook's cells as handed in (read from `path` when not given)
        self.cells = cells  # a notebook: how many of its learner cells have run for this check (None: all)
        self._scans: dict[str, list[str]] = {}

    def at_check(self, check_id: str) -> "Learner":
        """The learner as the grade cell of `check_id` sees it. In a notebook that has the cell, only the
        learner cells above it have run, as under nbgrader's kernel: a name defined further down is not
        defined yet, and the from-scratch scan reads the cells above. Otherwise this learner itself."""
        notebook = self.notebook()
        cells = notebook.cells_for(check_id) if notebook is not None else None
        if cells is None:
            return self
        return Learner(self.exercise, self.path, self.runner, self.display, notebook.source(cells), notebook, cells)

    def notebook(self) -> Notebook | None:
        if self._notebook is None and self.path.suffix == ".ipynb":
            try:
                self._notebook = read_notebook(self.path)
            except (OSError, LoadFailed):
                return None  # the probes report why it cannot be loaded
        return self._notebook

    def call(self, name: str, *args: Any, watch: bool = False, expect_error: bool = False, **kwargs: Any) -> Answer:
        """`name(*args, **kwargs)` in the learner's module. `watch` applies the name's from-scratch rule."""
        return self.probe(common.call, name, list(args), kwargs, call=lambda: as_python.call_text(name, args, kwargs),
                          watch=name if watch else None, expect_error=expect_error)

    def probe(self, probe: Callable[..., Any], *args: Any, call: str | Callable[[], str], watch: str | None = None,
              expect_error: bool = False, **kwargs: Any) -> Answer:
        """Run `probe` (a function of grader.probes) on the learner's module; `call` is what the learner would
        type to do the same."""
        outcome = self.runner.run(self.path, self.display, probe_id(probe), args, kwargs, watch, self.cells)
        describe = call if callable(call) else (lambda: call)
        error = self._defined_below(outcome.error) if outcome.error is not None else None
        answer = Answer(describe, outcome.value, error, outcome.printed, outcome.violations)
        if outcome.error is not None:
            _escalate(answer, expect_error, self.display)
        return answer

    def _defined_below(self, error: ErrorInfo) -> ErrorInfo:
        """A name not defined yet for this check but defined in a notebook cell below its grade cell: say so."""
        found = re.search(r"name '(\w+)' is not defined|`(\w+)` is not defined", error.message)
        notebook = self._notebook
        if self.cells is None or notebook is None or not found or error.kind not in ("raised", "missing"):
            return error
        if not notebook.defined_after(found[1] or found[2], self.cells):
            return error
        note = (" (a cell below this check's cell defines it, and a check sees only the cells above it, as under "
                "nbgrader: define it higher up)")
        return replace(error, message=error.message.replace(found[0], found[0] + note, 1))

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

    def run(self, path: Path, display: str, probe: str, args: tuple, kwargs: dict, watch: str | None,
            cells: int | None = None) -> Outcome:
        if self.budget.spent:
            return self.budget.timed_out()
        start = time.perf_counter()
        loading = True
        try:
            if self.wire_check:
                args, kwargs = wire.loads(wire.dumps((args, kwargs)))
            with timelimit.limit(self.budget.left):
                module = self._module(path, display, cells)
                loading = False
                outcome = run_probe(module, probe, args, kwargs, watch, self.device)
            return wire.loads(wire.dumps(outcome)) if self.wire_check else outcome
        except timelimit.TimeLimit:
            if loading:
                self._modules[path] = LoadFailed(f"{display} took longer than {self.budget.limit:g} s to import")
            return self.budget.exhaust()
        finally:
            self.budget.charge(time.perf_counter() - start)

    def _module(self, path: Path, display: str, cells: int | None) -> Any:
        found = self._modules.get(path)
        if found is None:
            found = self._modules[path] = LearnerFile(path, display)
        if not isinstance(found, LearnerFile):  # a module given, or a file that failed to load in time
            return found
        try:
            return found.module(cells)
        except LoadFailed as e:
            return e
