"""Print results for a terminal, and write them as the contract's JSON."""
from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Iterable, TextIO

from grader import render
from grader.result import Result


def marks(stream: TextIO) -> tuple[str, str]:
    try:
        "✓✗".encode(stream.encoding or "ascii")
        return "✓", "✗"
    except (UnicodeEncodeError, LookupError):
        return "+", "x"


def print_report(results: list[Result], stream: TextIO = sys.stdout, verbose: bool = False) -> None:
    """Each exercise's summary, then its failures; file-wide problems once per file (`verbose`: everything)."""
    for line in render.report_lines(results, marks(stream), verbose):
        print(line, file=stream)


def as_json(results: Iterable[Result]) -> str:
    """The contract's rows (exercise, check, passed, points, max_points, message), each with the typed
    fields as well: status, says, call, expected, got, detail, misconception, hint, output."""
    return json.dumps([r.as_dict() for r in results], indent=2, ensure_ascii=False) + "\n"


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
