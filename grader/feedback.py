"""What a failed check says, as a typed `Result`: the property, the smallest call that breaks it,
expected against got, the misconception where the spec recognises one, and a hint."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from grader import hints
from grader.result import Misconception, Result, Status

if TYPE_CHECKING:
    from grader.specs import Check


class Failure(Exception):
    """A property did not hold for one input. Hypothesis shrinks these to the smallest input."""

    def __init__(self, got: str | Callable[[], str] | None = None, expected: str | Callable[[], str] | None = None, *,
                 call: str | None = None,
                 misconception: str | Callable[[], str | None] | None = None, detail: str | None = None,
                 printed: str = "") -> None:
        super().__init__(detail or (got if isinstance(got, str) else "failed"))
        self.call, self.expected, self.got = call, expected, got
        self.misconception, self.detail, self.printed = misconception, detail, printed


class Abort(BaseException):
    """Stop the check at once, with no shrinking: nothing further to learn from more inputs.

    A BaseException, so that hypothesis passes it straight up instead of shrinking it."""

    def __init__(self, message: str, *, call: str | None = None, kind: str = "error") -> None:
        super().__init__(message)
        self.message, self.call, self.kind = message, call, kind


def from_failure(check: Check, failure: Failure, status: Status = Status.FAILED, detail: str | None = None) -> Result:
    """The typed outcome of a failed property: the call, expected and got, the misconception named, the hint."""
    text = lambda x: x() if callable(x) else x  # noqa: E731 - rendered now, for this failure only
    key = text(failure.misconception)
    misconception = Misconception(*hints.misconception(check.exercise, key)) if key else None
    return _result(check, status, call=failure.call, expected=text(failure.expected), got=text(failure.got),
                   detail=detail or failure.detail, misconception=misconception, output=_output(failure.printed),
                   hint=hints.for_check(check.exercise, check.id))


def from_abort(check: Check, abort: Abort) -> Result:
    """A check that stopped: not implemented yet, a file that does not load, a name missing, a time limit."""
    status = Status(abort.kind) if abort.kind in Status._value2member_map_ else Status.FAILED
    if status.about_the_file:  # nothing was compared: no call, and no hint about the algorithm
        return _result(check, status, detail=abort.message)
    return _result(check, status, call=abort.call, detail=abort.message, hint=hints.for_check(check.exercise, check.id))


def flaky(check: Check, failure: Failure | None) -> Result:
    note = "It gave a different answer when called again with the same input; does it keep state between calls?"
    if failure is None:
        return _result(check, Status.FLAKY, detail=note, hint=hints.for_check(check.exercise, check.id))
    return from_failure(check, failure, Status.FLAKY, detail=note)


def passed(check: Check) -> Result:
    return Result(check.exercise, check.id, Status.PASSED, check.points, check.points, check.says)


def not_run(check: Check, status: Status, detail: str) -> Result:
    """A check that could not run at all (its file is missing, the process checking it died)."""
    return _result(check, status, detail=detail)


def _result(check: Check, status: Status, **fields: Any) -> Result:
    return Result(check.exercise, check.id, status, 0, check.points, check.says, **fields)


OUTPUT_LINES, OUTPUT_WIDTH = 3, 160  # what is kept of a failing call's printed output


def _output(printed: str) -> str:
    shown = [line if len(line) <= OUTPUT_WIDTH else line[:OUTPUT_WIDTH - 10] + " [...]"
             for line in printed.strip().splitlines()]
    return "\n".join(shown[:OUTPUT_LINES] + (["..."] if len(shown) > OUTPUT_LINES else []))
