"""One source, no drift: generate `exercises/` stubs (and `notebooks/`, see `grader.notebook_build`) from `solutions/`.

A solution marks the learner's part with nbgrader's own markers, `### BEGIN SOLUTION` and
`### END SOLUTION`. Inside a function the block becomes a TODO line (from the hints data) and
`raise NotImplementedError`; a block at module level (a helper) is dropped.

Prose that gives an answer away (a "Question 21 answered" paragraph, a derivation) sits between
`### BEGIN SOLUTION NOTES` and `### END SOLUTION NOTES` lines, usually at the end of the module
docstring. Those lines and everything between them are solution-only text: left out of the stubs and
of every notebook (`without_notes`), kept in `solutions/` for the reader. A docstring must describe
the task, so that the stub can keep it: everything outside solution blocks and notes is kept as it is.

`exercises/.generated.json` records a hash of each stub as generated, so the build can tell an
untouched stub (safe to regenerate) from one a learner has edited (never overwritten without --force).
"""
from __future__ import annotations

import ast
import hashlib
import json
import re
from pathlib import Path

from grader import hints

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
NOTES_BEGIN, NOTES_END = "### BEGIN SOLUTION NOTES", "### END SOLUTION NOTES"
MANIFEST = ".generated.json"
EXERCISE_FILE = re.compile(r"ex\d\d_\w+\.py$")


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


def stub_source(solution: str, exercise: str) -> str:
    """The learner's stub for a solution's source text: solution blocks and notes left out."""
    solution = without_notes(solution, exercise)
    owners = _owners(solution)
    out: list[str] = [f"# Generated from solutions/{exercise}.py by `python -m grader build`. This file is yours to edit.\n"]
    inside = False
    for number, line in enumerate(solution.splitlines(keepends=True), 1):
        marker = line.strip()
        if marker == BEGIN:
            if inside:
                raise ValueError(f"{exercise}: line {number}: {BEGIN} inside another solution block")
            inside, indent = True, line[: len(line) - len(line.lstrip())]
            if indent:
                todo = hints.todo(exercise, owners.get(number, ""))
                out.append(f"{indent}# TODO: {todo}\n{indent}raise NotImplementedError\n")
        elif marker == END:
            if not inside:
                raise ValueError(f"{exercise}: line {number}: {END} without {BEGIN}")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError(f"{exercise}: {BEGIN} is never closed")
    return "".join(out)


def _owners(source: str) -> dict[int, str]:
    """Line number -> what a line belongs to: `dot`, or `DotProduct.forward` for a method."""
    owners: dict[int, str] = {}
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            for line in range(node.lineno, (node.end_lineno or node.lineno) + 1):
                owners[line] = node.name
        if isinstance(node, ast.ClassDef):
            for method in (n for n in node.body if isinstance(n, ast.FunctionDef)):
                for line in range(method.lineno, (method.end_lineno or method.lineno) + 1):
                    owners[line] = f"{node.name}.{method.name}"
    return owners


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def main(root: Path, check: bool = False, force: bool = False) -> int:
    """Regenerate the stubs in exercises/ and the learner notebooks in notebooks/ (`check`: only report stale ones)."""
    from grader import notebook_build

    solutions = sorted(p for p in (root / "solutions").iterdir() if EXERCISE_FILE.match(p.name))
    stubs = {root / "exercises" / p.name: stub_source(p.read_text(encoding="utf-8"), p.stem) for p in solutions}
    notebooks = {root / "notebooks" / name: text for name, text in notebook_build.release_texts(root).items()}
    stale, written, kept = [], [], []
    for generated in (stubs, notebooks):
        result = sync(generated, check, force)
        stale += result[0]
        written += result[1]
        kept += result[2]
    if check:
        for path in stale:
            print(f"stale: {path.relative_to(root)} differs from what `python -m grader build` generates")
        print(f"build --check: {len(stale)} stale file(s)")
        return 1 if stale else 0
    for path in written:
        print(f"wrote {path.relative_to(root)}")
    for path in kept:
        print(f"kept {path.relative_to(root)}: it has your edits (use --force to overwrite them)")
    return 0


def sync(generated: dict[Path, str], check: bool, force: bool) -> tuple[list[Path], list[Path], list[Path]]:
    """Bring files of one folder up to date with their generated text; a manifest in that folder records
    what was generated. Returns (stale, written, kept): kept are files a learner has edited."""
    if not generated:
        return [], [], []
    folder = next(iter(generated)).parent
    manifest_path = folder / MANIFEST
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    stale, kept, written = [], [], []
    for target, text in generated.items():
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text and manifest.get(target.name) == digest(text):
            continue
        if check:
            stale.append(target)
            continue
        edited = current is not None and current != text and digest(current) != manifest.get(target.name)
        if edited and not force:
            kept.append(target)
            continue
        folder.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        manifest[target.name] = digest(text)
        written.append(target)
    if not check:
        manifest_path.write_text(json.dumps(dict(sorted(manifest.items())), indent=2) + "\n")
    return stale, written, kept
