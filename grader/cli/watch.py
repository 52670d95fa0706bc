"""`python -m grader watch`: re-check an exercise each time its file is saved, as rustlings does.

The screen shows the saved exercise only (its summary, then what fails), the progress line and the
next exercise to work on. Each check runs in a forked child, so learner code that crashes or leaves
state behind never reaches the watcher. File events come from watchfiles (inotify on Linux; set
WATCHFILES_FORCE_POLLING=1 where events do not arrive, as on some network or container mounts).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from grader.cli import learner_options

CLEAR = "\033[2J\033[H"


def register(sub: Any) -> None:
    p = sub.add_parser("watch", help="re-check an exercise each time you save it, with a progress bar")
    learner_options.add(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    return watch(args.path, learner_options.time_limit(args), args.device, args.jobs)


def watch(folder: Path, time_limit: float, device: str, jobs: int, stream: TextIO = sys.stdout) -> int:
    import watchfiles

    from grader import course, progress

    names = course.names()
    states = progress.catch_up(folder, time_limit, device, jobs)
    current = (progress.next_exercise(states) or states[names[-1]]).name
    _show(folder, current, time_limit, device, stream)

    def ours(change: watchfiles.Change, path: str) -> bool:
        return Path(path).stem in names and Path(path).suffix in (".py", ".ipynb")

    for changes in watchfiles.watch(folder, watch_filter=ours, debounce=400, raise_interrupt=False):
        for name in sorted({Path(path).stem for _, path in changes}):
            _show(folder, name, time_limit, device, stream)
    return 0


def _show(folder: Path, name: str, time_limit: float, device: str, stream: TextIO) -> None:
    from grader import progress, render, selfcheck
    from grader.report import marks

    results = selfcheck.run([name], folder, time_limit, device, isolate=True)
    progress.remember(folder, results)
    states = progress.known(folder, results)
    ok, bad = marks(stream)
    lines = render.exercise_lines(results[name], (ok, bad), name_width=len(name))
    lines += ["", progress.line(states, name, ascii_only=ok != "✓"), progress.next_line(states),
              f"Watching {folder} for saved changes (Ctrl-C to stop)."]
    stream.write((CLEAR if stream.isatty() else "") + "\n".join(lines) + "\n")
    stream.flush()
