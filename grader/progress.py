"""Where a learner stands: each exercise's points and state, a progress line, the next exercise.

What `check` and `watch` learn is remembered per file content (in the cache folder, under
`progress/`), so `check ex05` can still say how many exercises are done without checking the other
ten again. A remembered state counts only while the file, and the grader, are as they were; an
untouched stub is "not started" without running it. Anything else is "not checked", and
`python -m grader progress` checks it.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence

from grader import course, message, render
from grader.result import Result, Status

NOT_CHECKED = "not checked"


@dataclass(frozen=True)
class ExerciseState:
    name: str
    points: int
    max_points: int
    state: str  # done, in progress, not started, missing, does not load, not checked
    first_failure: str | None = None  # what to do next: "softmax.stable_for_large_logits fails"

    @property
    def done(self) -> bool:
        return self.state == "done"


def of(results: Sequence[Result]) -> ExerciseState:
    first = next((r for r in results if not r.passed), None)
    to_do = None if first is None else (f"{first.check.split('.')[0]} is not implemented yet"
                                        if first.status is Status.TODO else f"{first.check} fails")
    return ExerciseState(results[0].exercise, sum(r.points for r in results), sum(r.max_points for r in results),
                         render.state(results), to_do)


def known(folder: Path, fresh: dict[str, list[Result]] | None = None) -> dict[str, ExerciseState]:
    """Every exercise's state: `fresh` results first, then what is remembered for the file as it is now,
    then "not started" for an untouched stub or "missing" for no file; "not checked" for the rest."""
    fresh = fresh or {}
    remembered = _load(folder)
    states = {}
    for name, exercise in course.all_exercises().items():
        if name in fresh:
            states[name] = of(fresh[name])
            continue
        path = _learner_file(folder, name)
        digest = _digest(path)
        entry = remembered.get(name)
        if digest is None:
            states[name] = ExerciseState(name, 0, exercise.max_points, "missing")
        elif entry and entry.get("digest") == digest:
            states[name] = ExerciseState(**entry["state"])
        elif _untouched(path, name):
            states[name] = ExerciseState(name, 0, exercise.max_points, "not started")
        else:
            states[name] = ExerciseState(name, 0, exercise.max_points, NOT_CHECKED)
    return states


def remember(folder: Path, results: dict[str, list[Result]]) -> None:
    """Keep the states of freshly checked exercises for the files as they are now (best effort:
    a cache folder that cannot be written costs nothing but the memory)."""
    entries = _load(folder)
    for name, rows in results.items():
        digest = _digest(_learner_file(folder, name))
        if digest is not None and rows:
            entries[name] = {"digest": digest, "state": asdict(of(rows))}
    try:
        path = _store(folder)
        path.parent.mkdir(parents=True, exist_ok=True)
        from grader.report import write_atomically

        write_atomically(path, json.dumps({"grader": course.grader_digest(), "exercises": entries}, sort_keys=True))
    except OSError:
        pass


def line(states: dict[str, ExerciseState], current: str | None, ascii_only: bool = False) -> str:
    """`[█████░░░░░░] ex05 of 11 · 5 exercises done`: one cell per exercise, the current one named."""
    full, empty, dot = ("#", "-", "-") if ascii_only else ("█", "░", "·")
    bar = "".join(full if s.done else empty for s in states.values())
    done = sum(s.done for s in states.values())
    unknown = sum(s.state == NOT_CHECKED for s in states.values())
    where = f"{current[:4]} of {len(states)} {dot} " if current else ""
    tail = f" {dot} {unknown} not checked yet (python -m grader progress)" if unknown else ""
    return f"[{bar}] {where}{done} exercise{'s' if done != 1 else ''} done{tail}"


def next_exercise(states: dict[str, ExerciseState]) -> ExerciseState | None:
    """The exercise to work on: the first one begun and not done, else the first one not done."""
    begun = (s for s in states.values() if s.state == "in progress")
    return next(begun, None) or next((s for s in states.values() if not s.done), None)


def next_line(states: dict[str, ExerciseState]) -> str:
    upcoming = next_exercise(states)
    if upcoming is None:
        return f"All {len(states)} exercises are done."
    what = upcoming.first_failure if upcoming.first_failure and upcoming.state == "in progress" else upcoming.state
    return f"Next: {upcoming.name} ({what}). Stuck? python -m grader hint {upcoming.name[:4]}"


def table(states: dict[str, ExerciseState], marks: tuple[str, str] = ("✓", "✗")) -> list[str]:
    from grader import hints

    width = max(len(n) for n in states)
    lines = [f"  {'exercise':<{width}}  {'points':>6}  {'state':<12}  title"]
    for s in states.values():
        points = f"{s.points}/{s.max_points}" if s.state != NOT_CHECKED else f"?/{s.max_points}"
        mark = marks[0] if s.done else marks[1]
        lines.append(render.fit(f"{mark} {s.name:<{width}}  {points:>6}  {s.state:<12}  {hints.title(s.name)}",
                                 message.WIDTH))
    total, most = sum(s.points for s in states.values()), sum(s.max_points for s in states.values())
    return lines + [f"  {'total':<{width}}  {f'{total}/{most}':>6}"]


# --- the memory --------------------------------------------------------------------------------------

def _learner_file(folder: Path, name: str) -> Path:
    from grader.engine import learner_file

    return learner_file(folder, name)


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _untouched(path: Path, name: str) -> bool:
    """A stub exactly as the build makes it from its solution: nothing to check yet."""
    from grader.build import stub_source

    solution = course.parts(name).solution
    if path.suffix != ".py" or not solution.exists():
        return False
    try:
        return path.read_text(encoding="utf-8") == stub_source(solution.read_text(encoding="utf-8"), name)
    except (OSError, UnicodeDecodeError, ValueError):
        return False


def _store(folder: Path) -> Path:
    from grader.data import cache_dir

    key = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
    return cache_dir() / "progress" / f"{key}.json"


def _load(folder: Path) -> dict[str, dict]:
    """What was remembered for `folder`, if the grader has not changed since (else nothing)."""
    try:
        data = json.loads(_store(folder).read_text())
    except (OSError, ValueError):
        return {}
    return data.get("exercises", {}) if data.get("grader") == course.grader_digest() else {}


def catch_up(folder: Path, time_limit: float, device: str, jobs: int) -> dict[str, ExerciseState]:
    """Every exercise's state, checking first those changed since they were last checked."""
    from grader import selfcheck

    states = known(folder)
    stale = [name for name, state in states.items() if state.state == NOT_CHECKED]
    if stale:
        fresh = selfcheck.run(stale, folder, time_limit, device, jobs)
        remember(folder, fresh)
        states = known(folder, fresh)
    return states
