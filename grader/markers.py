"""The markers a worked solution carries, and the text between them.

`### BEGIN SOLUTION` ... `### END SOLUTION` (nbgrader's own markers) enclose the learner's part: the
stub and the student notebook leave it out. `### BEGIN SOLUTION NOTES` ... `### END SOLUTION NOTES`
enclose prose that gives an answer away (a "Question 21 answered" paragraph, a derivation): kept in
`solutions/` for the reader, left out of every stub and notebook.
"""
from __future__ import annotations

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
NOTES_BEGIN, NOTES_END = "### BEGIN SOLUTION NOTES", "### END SOLUTION NOTES"


def without_notes(source: str, exercise: str = "solution") -> str:
    """`source` without its solution notes: every line from `### BEGIN SOLUTION NOTES` to
    `### END SOLUTION NOTES` (at any indent), with the blank line before the block when there is one,
    so that a docstring reads as if the notes had never been there."""
    out: list[str] = []
    start = 0
    for number, line in enumerate(source.splitlines(keepends=True), 1):
        marker = line.strip()
        if marker == NOTES_BEGIN:
            if start:
                raise ValueError(f"{exercise}: line {number}: {NOTES_BEGIN} inside other notes (line {start})")
            start = number
            if out and not out[-1].strip():
                out.pop()
        elif marker == NOTES_END:
            if not start:
                raise ValueError(f"{exercise}: line {number}: {NOTES_END} without {NOTES_BEGIN}")
            start = 0
        elif not start:
            out.append(line)
    if start:
        raise ValueError(f"{exercise}: line {start}: {NOTES_BEGIN} is never closed")
    return "".join(out)
