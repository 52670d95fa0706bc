"""Check a learner's folder: the exercises named, each in a forked child where fork is safe (so code
that kills its process costs only its exercise), in this process otherwise. `check`, `progress`
and `watch` all run their checks through here."""
from __future__ import annotations

import gc
from pathlib import Path

from grader import course, engine, feedback, parallel
from grader.result import Result, Status


def run(names: list[str], folder: Path, time_limit: float = engine.DEFAULT_TIME_LIMIT, device: str = "cpu",
        jobs: int = 1, isolate: bool = False) -> dict[str, list[Result]]:
    """{exercise: its results}, in the order of `names`. `isolate`: a child process even for one exercise
    (watch runs for hours: neither a crash nor what learner code leaves behind may reach it)."""
    exercises = course.all_exercises()
    # What is loaded now (torch, pandas, hypothesis, the specs) lives until the end: frozen, collections
    # skip it. Hypothesis collects once per process before its first example, 0.1 s over this heap.
    # Once per process: `watch` comes back here for hours, and its later garbage must stay collectable.
    if not gc.get_freeze_count():
        gc.freeze()

    def work(name: str) -> list[Result]:
        return engine.run_exercise(exercises[name], engine.learner_file(folder, name), time_limit=time_limit,
                                   device=device)

    if parallel.available(max(jobs, 2 if isolate else 1)) and (len(names) > 1 or isolate):
        done = parallel.run(names, lambda name: [r.as_dict() for r in work(name)], max(jobs, 1))
        return {n: [Result.from_dict(row) for row in done[n]] if done[n] is not None else crashed(n) for n in names}
    return {n: work(n) for n in names}


def crashed(name: str) -> list[Result]:
    exercise = course.all_exercises()[name]
    message = ("the process checking this exercise died: does your code call os._exit, or crash Python "
               f"(a segmentation fault)? Run `python -m grader check {exercise.number} --jobs 1` to see it happen.")
    return [feedback.not_run(c, Status.CRASH, message) for c in exercise.checks]


def exercise_files(folder: Path) -> list[Path]:
    """The learner files in `folder` that name an exercise (`exNN_name.py` or `.ipynb`)."""
    known = set(course.names())
    return sorted(p for p in folder.iterdir() if p.suffix in (".py", ".ipynb") and p.stem in known)
