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
from pathlib import Path

from grader import hints
from grader.course import EXERCISE_FILE
from grader.markers import BEGIN, END, without_notes

MANIFEST = ".generated.json"
TABLE_BEGIN = "<!-- the table of exercises: `python -m grader build` writes it from grader/hints/exNN_*.toml -->"
TABLE_END = "<!-- end of the table of exercises -->"
TABLE_HEADER = ("| file | public names | what each must do | fastbook ch. 8 ([every question, and where it is "
                "answered](docs/questionnaire.md)) |\n|---|---|---|---|")


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
    return _guard_entry_point("".join(out))


def _guard_entry_point(stub: str) -> str:
    """Wrap the body of `if __name__ == "__main__":` in `grader.script.stops_at_todo`, so that running
    a stub as a script ends in one line naming what is not implemented yet, not in a traceback."""
    lines = stub.splitlines(keepends=True)
    for node in ast.parse(stub).body:
        test = getattr(node, "test", None)
        if isinstance(node, ast.If) and isinstance(test, ast.Compare) and getattr(test.left, "id", None) == "__name__":
            first, last = node.body[0].lineno - 1, node.end_lineno
            indent = lines[first][: len(lines[first]) - len(lines[first].lstrip())]
            body = ["    " + line if line.strip() else line for line in lines[first:last]]
            guard = [f"{indent}from grader.script import stops_at_todo\n\n",
                     f"{indent}with stops_at_todo(__file__):  # a stub stops with one line, not a traceback\n"]
            return "".join(lines[:first] + guard + body + lines[last:])
    return stub


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


def generate(root: Path) -> dict[Path, str]:
    """Everything the build makes from `root`'s solutions/, by path relative to `root`: the stubs
    `exercises/exNN_*.py` and the learner notebooks `notebooks/exNN_*.ipynb`."""
    from grader import notebook_build

    solutions = sorted(p for p in (root / "solutions").iterdir() if EXERCISE_FILE.fullmatch(p.name) and p.suffix == ".py")
    stubs = {Path("exercises", p.name): stub_source(p.read_text(encoding="utf-8"), p.stem) for p in solutions}
    notebooks = {Path("notebooks", name): text for name, text in notebook_build.release_texts(root).items()}
    return {**stubs, **notebooks}


def main(root: Path, check: bool = False, force: bool = False) -> int:
    """Regenerate the stubs in exercises/ and the learner notebooks in notebooks/ (`check`: only report drift)."""
    by_folder: dict[Path, dict[Path, str]] = {}
    for relative, text in generate(root).items():
        by_folder.setdefault(root / relative.parent, {})[root / relative] = text
    readme = root / "README.md"
    if check:
        return _check(root, by_folder)
    written, kept = [], []
    for folder, generated in by_folder.items():
        result = sync(folder, generated, force)
        written += result[0]
        kept += result[1]
    if readme.exists():  # a build into a bare folder (the tests' fresh build) has no README
        text = readme.read_text(encoding="utf-8")
        if with_table(text) != text:
            readme.write_text(with_table(text), encoding="utf-8")
            written.append(readme)
    for path in written:
        print(f"wrote {path.relative_to(root)}")
    for path in kept:
        print(f"kept {path.relative_to(root)}: it has your edits (use --force to overwrite them)")
    return 0


def _check(root: Path, by_folder: dict[Path, dict[Path, str]]) -> int:
    """Drift: a fresh build against the digests the manifests record. The working files are the
    learner's to change and play no part; an edited one is only mentioned."""
    stale, edited = [], []
    for folder, generated in by_folder.items():
        manifest = read_manifest(folder)
        names = {path.name for path in generated}
        stale += [folder / name for name in sorted(set(manifest) - names)]  # an exercise that no longer exists
        for path, text in generated.items():
            if manifest.get(path.name) != digest(text):
                stale.append(path)
            elif path.exists() and digest(path.read_text(encoding="utf-8")) != manifest[path.name]:
                edited.append(path)
    for path in stale:
        print(f"stale: {path.relative_to(root)} is not what `python -m grader build` makes of solutions/ "
              f"(its digest in {path.parent.name}/{MANIFEST} differs)")
    readme = root / "README.md"
    if readme.exists() and with_table(text := readme.read_text(encoding="utf-8")) != text:
        print("stale: README.md's table of exercises is not what grader/hints/*.toml say")
        stale.append(readme)
    for path in edited:
        print(f"note: {path.relative_to(root)} has edits of its own; the build keeps them (--force to overwrite)")
    print(f"build --check: {len(stale)} stale file(s)")
    return 1 if stale else 0


def read_manifest(folder: Path) -> dict[str, str]:
    path = folder / MANIFEST
    return json.loads(path.read_text()) if path.exists() else {}


def sync(folder: Path, generated: dict[Path, str], force: bool) -> tuple[list[Path], list[Path]]:
    """Bring the files of one folder up to date with their generated text, and record each text's digest
    in the folder's manifest. Returns (written, kept): kept are files a learner has edited. The
    manifest records what the build makes even for a kept file, so that drift means solutions/ changed."""
    manifest = read_manifest(folder)
    kept, written = [], []
    for target, text in generated.items():
        current = target.read_text(encoding="utf-8") if target.exists() else None
        edited = current is not None and current != text and digest(current) != manifest.get(target.name)
        if current != text and edited and not force:
            kept.append(target)
        elif current != text:
            folder.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written.append(target)
        manifest[target.name] = digest(text)
    for name in set(manifest) - {path.name for path in generated}:
        del manifest[name]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MANIFEST).write_text(json.dumps(dict(sorted(manifest.items())), indent=2) + "\n")
    return written, kept


def exercise_table() -> str:
    """The README's table of exercises, one row per exercise of the course, from its hints data."""
    from grader import course

    rows = [TABLE_HEADER]
    for name in course.names():
        row = hints.table_row(name)
        rows.append(f"| `{name}.py` | {row['names']} | {row['does']} | {row['fastbook']} |")
    return "\n".join(rows)


def with_table(readme: str) -> str:
    """`readme` with the text between the table's markers replaced by a fresh table."""
    if TABLE_BEGIN not in readme or TABLE_END not in readme:
        raise ValueError(f"README.md has no {TABLE_BEGIN!r} ... {TABLE_END!r} for the table of exercises")
    head, rest = readme.split(TABLE_BEGIN, 1)
    _, tail = rest.split(TABLE_END, 1)
    return f"{head}{TABLE_BEGIN}\n{exercise_table()}\n{TABLE_END}{tail}"
