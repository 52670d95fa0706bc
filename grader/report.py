"""Print results for a terminal, and write them as the contract's JSON."""
from __future__ import annotations

import json
import os
import sys
import tempfile
from itertools import groupby
from pathlib import Path
from typing import Iterable, TextIO

from grader import hints
from grader.engine import Result


def marks(stream: TextIO) -> tuple[str, str]:
    try:
        "✓✗".encode(stream.encoding or "ascii")
        return "✓", "✗"
    except (UnicodeEncodeError, LookupError):
        return "+", "x"


def print_report(results: list[Result], stream: TextIO = sys.stdout) -> None:
    ok, bad = marks(stream)
    for exercise, rows in groupby(results, key=lambda r: r.exercise):
        rows = list(rows)
        got, most = sum(r.points for r in rows), sum(r.max_points for r in rows)
        print(f"{exercise}: {hints.title(exercise)}  {got}/{most}", file=stream)
        for r in rows:
            print(f"  {ok if r.passed else bad} {r.check:<44} {r.points}/{r.max_points}", file=stream)
            if not r.passed:
                for line in r.message.splitlines():
                    print(f"      {line}", file=stream)
        print(file=stream)
    passed = sum(r.passed for r in results)
    total, most = sum(r.points for r in results), sum(r.max_points for r in results)
    print(f"{total}/{most} points; {passed} of {len(results)} checks pass.", file=stream)
    first = next((r for r in results if not r.passed), None)
    if first:
        print(f"Next: {first.check} in {first.exercise}. Stuck? python -m grader hint {first.exercise[:4]}", file=stream)


def as_json(results: Iterable[Result]) -> str:
    keys = ("exercise", "check", "passed", "points", "max_points", "message")
    return json.dumps([{k: r.as_dict()[k] for k in keys} for r in results], indent=2, ensure_ascii=False) + "\n"


def write_atomically(path: Path, text: str | bytes) -> None:
    """Write to a temporary file beside `path`, then rename: a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
