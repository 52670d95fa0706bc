"""What a failed check says: the property, the smallest call that breaks it, expected against got,
the misconception where the spec recognises one, and a hint."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from grader import hints


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


@dataclass(frozen=True)
class Message:
    says: str
    call: str | None = None
    expected: str | None = None
    got: str | None = None
    misconception: str | None = None
    detail: str | None = None
    printed: str = ""
    hint: bool = True

    def text(self, exercise: str, check_id: str) -> str:
        lines = [self.says]
        for label, body in (("call", self.call), ("expected", self.expected), ("got", self.got)):
            if body is not None:
                lines += _labelled(label, body)
        if self.detail:
            lines += self.detail.splitlines()
        if self.misconception:
            name, why = hints.misconception(exercise, self.misconception)
            lines.append(f"misconception: {name}. {why}")
        if self.printed:
            shown = [line if len(line) <= 160 else line[:150] + " [...]" for line in self.printed.strip().splitlines()]
            lines += _labelled("printed", "\n".join(shown[:3] + (["..."] if len(shown) > 3 else [])))
        hint = hints.for_check(exercise, check_id) if self.hint else None
        if hint:
            lines.append(f"hint: {hint}")
        return "\n".join(lines)


def _labelled(label: str, body: str) -> list[str]:
    body_lines = body.splitlines() or [""]
    if len(body_lines) == 1:
        return [f"{label + ':':<10}{body_lines[0]}"]
    return [f"{label}:"] + ["    " + line for line in body_lines[:10]] + (["    ..."] if len(body_lines) > 10 else [])


def from_failure(says: str, failure: Failure) -> Message:
    text = lambda x: x() if callable(x) else x  # noqa: E731 - rendered now, for this failure only
    return Message(says, failure.call, text(failure.expected), text(failure.got), text(failure.misconception),
                   failure.detail, failure.printed)


def from_abort(says: str, abort: Abort) -> Message:
    if abort.kind == "todo":  # nothing to compare yet: no call, no hint, just where to start
        return Message(says, detail=abort.message, hint=False)
    if abort.kind in ("load", "missing"):  # no call was made: the file or the name is the problem
        return Message(says, detail=abort.message)
    return Message(says, abort.call, detail=abort.message)
