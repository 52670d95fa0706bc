"""`python -m grader progress`: the table of exercises with the learner's points, and the next one to do."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from grader.cli import learner_options


def register(sub: Any) -> None:
    p = sub.add_parser("progress", help="the table of exercises with your points, and the next one to do")
    learner_options.add(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    limit = learner_options.time_limit(args)
    from grader import progress, report

    states = progress.catch_up(args.path, limit, args.device, args.jobs)
    marks = report.marks(sys.stdout)
    upcoming = progress.next_exercise(states)
    for line in [*progress.table(states, marks), "", progress.line(states, upcoming.name if upcoming else None,
                                                                   marks[0] != "✓"), progress.next_line(states)]:
        print(line)
    return 0
