"""One check's message as lines of text, wrapped to a width.

Prose wraps at word boundaries (continuation lines indented); code (the `call:` line, values) breaks
only after a comma inside brackets, so a wrapped call is still Python that pastes.
"""
from __future__ import annotations

import textwrap
from typing import Protocol

WIDTH = 100
LABEL = 10  # the column where the values of `call:`, `expected:` and `got:` start
HANG = "    "  # continuation lines of prose


class Named(Protocol):
    name: str
    why: str


class Parts(Protocol):
    """What a message is made of: the fields of `grader.result.Result` that it shows."""

    says: str
    call: str | None
    expected: str | None
    got: str | None
    detail: str | None
    misconception: Named | None
    output: str
    hint: str | None


def message_lines(result: Parts, width: int | None = WIDTH) -> list[str]:
    """One check's message (`width` None: unwrapped, one line per field, as results.json keeps it)."""
    lines = prose(result.says, width)
    for label, body in (("call", result.call), ("expected", result.expected), ("got", result.got)):
        if body is not None:
            lines += labelled(label, body, width)
    for line in (result.detail or "").splitlines():
        lines += prose(line, width, HANG)
    if result.misconception:
        lines += prose(f"misconception: {result.misconception.name}. {result.misconception.why}", width, HANG)
    if result.output:
        lines += labelled("printed", result.output, width)
    if result.hint:
        lines += prose(f"hint: {result.hint}", width, HANG)
    return lines


def prose(text: str, width: int | None, indent: str = "") -> list[str]:
    """Words wrapped to `width`, never broken; each line of `text` keeps its own indent, and its
    continuation lines get `indent` more."""
    if not text:
        return []
    if width is None:
        return text.splitlines()
    out = []
    for line in text.splitlines():
        lead = line[: len(line) - len(line.lstrip())]
        out += textwrap.wrap(line.strip(), width, initial_indent=lead, subsequent_indent=lead + indent,
                             break_long_words=False, break_on_hyphens=False) or [""]
    return out


def labelled(label: str, body: str, width: int | None) -> list[str]:
    """`call:     dot([], [0])`, values in their own column; a many-line body (a table) below the label."""
    body_lines = body.splitlines() or [""]
    if len(body_lines) > 1:
        return [f"{label}:"] + [HANG + line for line in body_lines[:10]] + ([HANG + "..."] if len(body_lines) > 10 else [])
    head = f"{label + ':':<{LABEL}}"
    if width is None:
        return [head + body_lines[0]]
    lines = code(body_lines[0], width, head, " " * LABEL)
    if label != "call" and any(len(line) > width for line in lines):  # prose, such as an error's message
        lines = textwrap.wrap(body_lines[0], width, initial_indent=head, subsequent_indent=" " * LABEL,
                              break_long_words=False, break_on_hyphens=False)
    return lines


def code(text: str, width: int, first: str = "", indent: str = "") -> list[str]:
    """Python source cut into lines of at most `width` where it can be: only after a comma inside
    brackets, outside any string, so the lines still parse as one expression when pasted."""
    if len(first) + len(text) <= width:
        return [first + text]
    breaks = _breaks(text)
    best: list[str] = []
    for depth in sorted({d for _, d in breaks}):  # the shallowest breaks that make every line fit
        cuts = [0] + [at for at, d in breaks if d <= depth] + [len(text)]
        best = _fill([text[a:b] for a, b in zip(cuts, cuts[1:])], width, first, indent)
        if all(len(line) <= width for line in best):
            return best
    return best or [first + text]


def _breaks(text: str) -> list[tuple[int, int]]:
    """(position just after ", ", bracket depth) for each comma inside brackets and outside strings."""
    breaks, depth, quote, i = [], 0, "", 0
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif c in "'\"":
            quote = c
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth > 0 and text[i + 1:i + 2] == " ":
            breaks.append((i + 2, depth))
        i += 1
    return breaks


def _fill(pieces: list[str], width: int, first: str, indent: str) -> list[str]:
    lines, current = [], first
    for piece in pieces:
        if len(current) + len(piece.rstrip()) > width and current.strip():
            lines.append(current.rstrip())
            current = indent
        current += piece
    return lines + [current.rstrip()]
