"""Read a learner's file (`.py`, or the code cells of an `.ipynb`) and import it as a module."""
from __future__ import annotations

import ast
import itertools
import json
import linecache
import sys
import types
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

_counter = itertools.count()


class LoadFailed(Exception):
    """The learner's file could not be imported; the message says why, in words."""


def read_source(path: Path) -> str:
    """The Python source of a learner file; for a notebook, its code cells joined in order, without the
    cells that check the learner's code (`is_check_cell`): those are the grader's, not the learner's."""
    if path.suffix != ".ipynb":
        return path.read_text(encoding="utf-8")
    return CELL_GAP.join(notebook_cells(path)) + "\n"


CELL_GAP = "\n\n"


def notebook_cells(path: Path) -> list[str]:
    """The learner's code cells of a notebook, in order, as Python (magics and shell lines commented out)."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (ValueError, AttributeError) as e:
        raise LoadFailed(f"{path.name} is not a readable notebook ({e})") from None
    code = []
    for cell in cells:
        if cell.get("cell_type") != "code" or is_check_cell(cell):
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        # IPython magics and shell lines are not Python; a notebook's `%matplotlib inline` must not break the import.
        code.append("\n".join("pass  # " + line if line.lstrip().startswith(("%", "!")) else line
                              for line in source.splitlines()))
    return code


def is_check_cell(cell: dict) -> bool:
    """A grade cell of nbgrader (`grade` and not `solution`: it tests, it is not an answer), or a cell the
    workbook's notebooks mark `{"lesson7": {"check": true}}` (a `check(...)` summary)."""
    metadata = cell.get("metadata") or {}
    nbgrader, ours = metadata.get("nbgrader") or {}, metadata.get("lesson7") or {}
    return bool(nbgrader.get("grade") and not nbgrader.get("solution")) or bool(ours.get("check"))


def load_module(path: Path, display: str | None = None) -> types.ModuleType:
    """Import the learner file at `path` as a fresh module; raise LoadFailed with a readable reason."""
    display = display or str(path)
    try:
        source = read_source(path)
    except OSError as e:
        raise LoadFailed(f"{display} could not be read: {e.strerror}") from None
    if path.suffix == ".ipynb":
        return _run_notebook(path, display, source)
    try:
        code = compile(source, str(path), "exec")
    except SyntaxError as e:
        raise LoadFailed(f"{display} has a syntax error at line {e.lineno}: {e.msg}"
                         + (f"\n    {e.text.strip()}" if e.text else "")) from None
    # Tracebacks and messages quote the learner's lines; for a notebook they are the joined cells.
    linecache.cache[str(path)] = (len(source), None, source.splitlines(keepends=True), str(path))
    module = _new_module(path, display)
    with _beside(path):
        try:
            exec(code, module.__dict__)
        except SystemExit as e:
            raise LoadFailed(f"{display} called sys.exit({e.code!r}) while being imported") from None
        except Exception as e:  # noqa: BLE001 - any import-time error becomes a message
            raise LoadFailed(f"{display} raised {type(e).__name__} while being imported{_line_in(e, path)}: {e}") from None
    return module


def _run_notebook(path: Path, display: str, source: str) -> types.ModuleType:
    """Run the cells one by one, as a kernel under nbgrader does: a cell that fails is noted in
    `__load_errors__` and the next cell still runs, so the other answers keep their points."""
    linecache.cache[str(path)] = (len(source), None, source.splitlines(keepends=True), str(path))
    module = _new_module(path, display)
    module.__load_errors__ = errors = []  # type: ignore[attr-defined]
    first_line = 1
    with _beside(path):
        for number, cell in enumerate(notebook_cells(path), 1):
            try:
                tree = ast.increment_lineno(ast.parse(cell), first_line - 1)
                exec(compile(tree, str(path), "exec"), module.__dict__)
            except SyntaxError as e:
                errors.append(f"code cell {number} has a syntax error at line {(e.lineno or 1) + first_line - 1}: {e.msg}")
            except (Exception, SystemExit) as e:  # noqa: BLE001 - the kernel would report it and go on
                errors.append(f"code cell {number} raised {type(e).__name__}{_line_in(e, path)}: {e}")
            first_line += cell.count("\n") + CELL_GAP.count("\n")
    return module


def _new_module(path: Path, display: str) -> types.ModuleType:
    module = types.ModuleType(f"_learner_{path.stem}_{next(_counter)}")
    module.__file__ = str(path)
    module.__display__ = display  # type: ignore[attr-defined]
    sys.modules[module.__name__] = module
    return module


@contextmanager
def _beside(path: Path) -> Iterator[None]:
    """The learner's folder on sys.path, so `from ex06_cross_entropy import softmax` works between files."""
    folder = str(path.parent.resolve())
    added = folder not in sys.path
    if added:
        sys.path.insert(0, folder)
    try:
        yield
    finally:
        if added and folder in sys.path:
            sys.path.remove(folder)


def _line_in(error: BaseException, path: Path) -> str:
    tb, line = error.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == str(path):
            line = tb.tb_lineno
        tb = tb.tb_next
    return f" (line {line})" if line else ""
