"""A check's outcome as one typed value. Every view (terminal, pytest, notebook, feedback files,
results.json, Gradescope) renders this value; none of them parses text another view wrote."""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from enum import Enum
from typing import Any

from grader.message import message_lines


class Status(str, Enum):
    """How a check ended. A `str`, so JSON and plain comparisons (`status == "todo"`) keep working."""

    PASSED = "passed"
    FAILED = "failed"  # the property did not hold for some input
    TODO = "todo"  # the learner's code still raises NotImplementedError
    MISSING = "missing"  # the file, or a name the check needs, is not there
    LOAD = "load"  # the file could not be imported (a syntax error, an error at import time)
    TIMEOUT = "timeout"
    CRASH = "crash"
    EXIT = "exit"  # the learner's code called sys.exit
    FLAKY = "flaky"  # a different answer for the same input
    GRADER_ERROR = "grader_error"

    def __str__(self) -> str:
        return self.value

    @property
    def about_the_file(self) -> bool:
        """Outcomes that say the same thing for every check of a file: shown once, not once per check."""
        return self in (Status.TODO, Status.MISSING, Status.LOAD)


# Outcomes that mean the learner's code misbehaved in a way an instructor wants to hear about.
PROBLEMS = frozenset({Status.TIMEOUT, Status.CRASH, Status.EXIT, Status.LOAD, Status.GRADER_ERROR})


@dataclass(frozen=True)
class Misconception:
    name: str  # "softmax without max-subtraction"
    why: str  # why that goes wrong, in a sentence or two


@dataclass(frozen=True)
class Result:
    exercise: str
    check: str
    status: Status
    points: int
    max_points: int
    says: str = ""  # the property in words
    call: str | None = None  # the smallest call that shows the failure, as Python source
    expected: str | None = None
    got: str | None = None
    detail: str | None = None  # what else there is to say: where a difference is, why the check stopped
    misconception: Misconception | None = None
    hint: str | None = None
    output: str = ""  # what the learner's code printed during the call

    @property
    def passed(self) -> bool:
        return self.status is Status.PASSED

    @property
    def message(self) -> str:
        """The whole message as plain text, unwrapped: what `--json` and the gradebook's results carry
        (empty for a check that passed, as it always was)."""
        return "" if self.passed else "\n".join(message_lines(self, width=None))

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: the contract's keys (exercise, check, passed, points, max_points, message), then the fields."""
        row = asdict(self)
        row["status"] = self.status.value
        head = {k: row[k] for k in ("exercise", "check")}
        return {**head, "passed": self.passed, "points": self.points, "max_points": self.max_points,
                "message": self.message, **{k: v for k, v in row.items() if k not in head}}

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> "Result":
        """The inverse of `as_dict`; a row with only the contract's keys and `status` (a file missing
        from a submission, say) keeps its message's first line as `says` and the rest as `detail`."""
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in row.items() if k in names}
        status = row.get("status") or ("passed" if row.get("passed") else "failed")
        values["status"] = Status(status) if status in Status._value2member_map_ else Status.FAILED
        if isinstance(values.get("misconception"), dict):
            values["misconception"] = Misconception(**values["misconception"])
        if "says" not in row and row.get("message"):
            says, _, detail = row["message"].partition("\n")
            values.update(says=says, detail=detail or None)
        return cls(**values)


class CheckFailed(Exception):
    """A failed check, raised by the views that report through exceptions (a pytest item, an nbgrader
    grade cell); the message is the check's own, as the terminal shows it."""

    def _render_traceback_(self) -> list[str]:  # IPython shows these lines instead of a traceback
        return str(self).splitlines()
