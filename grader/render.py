"""Results of whole exercises as text: an exercise's summary line comes before its details, and a
file that is not implemented, missing or broken gets one entry, not one per check. Each check's
message comes from `grader.message`.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Iterable, Sequence

from grader import hints
from grader.message import HANG, WIDTH, message_lines, prose
from grader.result import Result, Status

def exercise_lines(results: Sequence[Result], marks: tuple[str, str] = ("✓", "✗"), verbose: bool = False,
                   width: int = WIDTH, name_width: int = 0) -> list[str]:
    """An exercise's summary line, then its details: the failures in full, each file-wide problem
    (not implemented, missing, not importable) once. `verbose`: every check, each with its message."""
    ok, bad = marks
    name = results[0].exercise
    points, most = sum(r.points for r in results), sum(r.max_points for r in results)
    whole = _whole_file(results)
    suffix = " (not started)" if whole is Status.TODO and not verbose else ""
    head = f"{ok if points == most else bad} {name:<{name_width}}  {f'{points}/{most}':>5}  "
    lines = [head + fit(hints.title(name), width - len(head) - len(suffix)) + suffix]
    if verbose:
        for r in results:
            lines.append(f"  {ok if r.passed else bad} {r.check}  {r.points}/{r.max_points}")
            lines += [" " * 6 + line for line in message_lines(r, width - 6)] if not r.passed else []
        return lines
    if whole in (Status.LOAD, Status.MISSING):  # the same words for every check: said once, under the summary
        return lines + [" " * 4 + line for line in prose(results[0].detail or "", width - 4, HANG)]
    for group in problems(results):
        if group.file_wide:  # one paragraph: what stops these checks, and what they cost
            lines += ["  " + line for line in prose(f"{bad} {group.reason.rstrip('.')}: {group.cost}", width - 2, HANG)]
        else:
            (r,) = group.results
            lines += [f"  {bad} {r.check}  0/{r.max_points}"] + [" " * 6 + line for line in message_lines(r, width - 6)]
    return lines


@dataclass(frozen=True)
class Problem:
    """What an exercise has to fix: one failed check, or one file-wide reason that stops several."""

    results: list[Result]
    file_wide: bool

    @property
    def reason(self) -> str:
        return self.results[0].detail or self.results[0].says

    @property
    def cost(self) -> str:
        n = len(self.results)
        return f"{n} check{'s' if n > 1 else ''}, 0/{sum(r.max_points for r in self.results)}"


def problems(results: Sequence[Result]) -> list[Problem]:
    """The failures of an exercise, those stopped by the same file-wide problem together. Nothing for
    a file not started at all: its summary line says so."""
    if _whole_file(results) is Status.TODO:
        return []
    out = []
    for (status, _), group in groupby((r for r in results if not r.passed), key=_file_wide):
        group = list(group)
        out += [Problem(group, True)] if status is not None else [Problem([r], False) for r in group]
    return out


def state(results: Sequence[Result]) -> str:
    """An exercise in a word or two: done, not started, missing, does not load, in progress."""
    if all(r.passed for r in results):
        return "done"
    whole = _whole_file(results)
    return {Status.TODO: "not started", Status.MISSING: "missing", Status.LOAD: "does not load"}.get(whole, "in progress")


def _whole_file(results: Sequence[Result]) -> Status | None:
    """The file-wide outcome every check of an exercise shares (not implemented, missing, not
    importable), or None. Not implemented counts whatever function each check stopped at."""
    statuses = {r.status for r in results}
    if len(statuses) != 1 or not next(iter(statuses)).about_the_file:
        return None
    status = next(iter(statuses))
    return status if status is Status.TODO or len({r.detail for r in results}) == 1 else None


def _file_wide(result: Result) -> tuple[Status | None, str | None]:
    """A key that groups the checks stopped by the same file-wide problem; each other failure stands alone."""
    if result.status.about_the_file:
        return result.status, result.detail
    return None, result.check


def fit(text: str, room: int) -> str:
    return text if len(text) <= room else text[: max(room - 3, 0)].rstrip() + "..."


def by_exercise(results: Iterable[Result]) -> list[list[Result]]:
    return [list(rows) for _, rows in groupby(results, key=lambda r: r.exercise)]


def report_lines(results: Sequence[Result], marks: tuple[str, str] = ("✓", "✗"), verbose: bool = False,
                 width: int = WIDTH) -> list[str]:
    """Every exercise's block, then the total."""
    lines: list[str] = []
    detailed = False
    name_width = max((len(r.exercise) for r in results), default=0)
    for rows in by_exercise(results):
        block = exercise_lines(rows, marks, verbose, width, name_width)
        if lines and (detailed or len(block) > 1):
            lines.append("")  # a blank line around an exercise with details; one-line exercises stay together
        lines += block
        detailed = len(block) > 1
    passed = sum(r.passed for r in results)
    total, most = sum(r.points for r in results), sum(r.max_points for r in results)
    return lines + ["", f"{total}/{most} points; {passed} of {len(results)} checks pass."]
