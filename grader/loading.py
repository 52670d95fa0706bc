"""Read a learner's file (`.py`, or the code cells of an `.ipynb`) and import it as a module."""
from __future__ import annotations

import ast
import itertools
import json
import linecache
import sys
import types
from contextlib import contextmanager
from dataclasses import dataclass
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
    return read_notebook(path).source()


CELL_GAP = "\n\n"


@dataclass(frozen=True)
class Notebook:
    """A notebook's learner code cells, in order, and where its grade cells stand among them. nbgrader runs
    each grade cell when the cells above it have run and no others, so a check sees the code above its
    grade cell: a name defined further down is not defined yet, a thread started further down not started."""

    cells: tuple[str, ...]
    above: dict[str, int]  # grade cell id (`check-dot-empty`) -> how many learner cells come before it

    def source(self, cells: int | None = None) -> str:
        """The first `cells` learner cells (all when None) joined as one source."""
        return CELL_GAP.join(self.cells[:cells]) + "\n"

    def cells_for(self, check_id: str) -> int | None:
        """How many learner cells have run when the grade cell of `check_id` runs; None when the notebook
        has no such cell (a notebook of the learner's own: the check sees every cell)."""
        return self.above.get(grade_cell_id(check_id))

    def defined_after(self, name: str, cells: int) -> bool:
        """Whether a learner cell after the first `cells` binds `name` at its top level."""
        for cell in self.cells[cells:]:
            try:
                body = ast.parse(cell).body
            except SyntaxError:
                continue
            if any(name in _names_bound(node) for node in body):
                return True
        return False


def _names_bound(node: ast.stmt) -> set[str]:
    """The names a top-level statement binds: a definition, an assignment, an import."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name).split(".")[0] for a in node.names}
    return set()


def grade_cell_id(check_id: str) -> str:
    """The nbgrader grade_id of a check's grade cell (grader.notebook_build writes it)."""
    return "check-" + check_id.replace(".", "-")


def read_notebook(path: Path) -> Notebook:
    """The learner's code cells of a notebook (magics and shell lines commented out), and the position of
    each grade cell (its first, should one be repeated)."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (ValueError, AttributeError) as e:
        raise LoadFailed(f"{path.name} is not a readable notebook ({e})") from None
    code: list[str] = []
    above: dict[str, int] = {}
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        if is_check_cell(cell):
            grade_id = ((cell.get("metadata") or {}).get("nbgrader") or {}).get("grade_id")
            if isinstance(grade_id, str):
                above.setdefault(grade_id, len(code))
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        # IPython magics and shell lines are not Python; a notebook's `%matplotlib inline` must not break the import.
        code.append("\n".join("pass  # " + line if line.lstrip().startswith(("%", "!")) else line
                              for line in source.splitlines()))
    return Notebook(tuple(code), above)


def notebook_cells(path: Path) -> list[str]:
    """The learner's code cells of a notebook, in order, as Python (magics and shell lines commented out)."""
    return list(read_notebook(path).cells)


def is_check_cell(cell: dict) -> bool:
    """A grade cell of nbgrader (`grade` and not `solution`: it tests, it is not an answer), or a cell the
    workbook's notebooks mark `{"lesson7": {"check": true}}` (a `check(...)` summary)."""
    metadata = cell.get("metadata") or {}
    nbgrader, ours = metadata.get("nbgrader") or {}, metadata.get("lesson7") or {}
    return bool(nbgrader.get("grade") and not nbgrader.get("solution")) or bool(ours.get("check"))


def load_module(path: Path, display: str | None = None) -> types.ModuleType:
    """Import the learner file at `path` as a fresh module (a notebook: every cell); raise LoadFailed with a
    readable reason."""
    return LearnerFile(path, display).module()


class LearnerFile:
    """A learner's file imported as one module. A `.py` file runs whole, once. A notebook runs cell by cell,
    as a kernel under nbgrader runs it, and only as far as asked: `module(cells=3)` has run the first three
    learner cells, and a later `module(cells=5)` runs the next two in the same module. Asking for fewer
    cells than have run starts a fresh module (state the later cells left behind in the process, such as a
    thread they started, is the caller's to clear: grading's workers start a fresh process instead)."""

    def __init__(self, path: Path, display: str | None = None) -> None:
        self.path, self.display = path, display or str(path)
        self._loaded: types.ModuleType | LoadFailed | None = None
        self._notebook: Notebook | None = None
        self.ran = 0  # notebook cells run in the current module
        self._errors: list[str] = []  # what its cells raised, also the module's `__load_errors__`
        self._line = 1  # the first line of the next cell in the joined source (`Notebook.source`)

    def module(self, cells: int | None = None) -> types.ModuleType:
        """The module with the first `cells` cells run (a notebook; all when None); LoadFailed says why not."""
        if self.path.suffix != ".ipynb":
            if self._loaded is None:
                try:
                    self._loaded = _run_file(self.path, self.display)
                except LoadFailed as e:
                    self._loaded = e
        else:
            self._run_cells(cells)
        if isinstance(self._loaded, LoadFailed):
            raise self._loaded
        assert self._loaded is not None
        return self._loaded

    def _run_cells(self, cells: int | None) -> None:
        if self._notebook is None:
            try:
                self._notebook = read_notebook(self.path)
            except (OSError, UnicodeDecodeError) as e:
                self._loaded = LoadFailed(f"{self.display} could not be read: {getattr(e, 'strerror', None) or e}")
                return
            except LoadFailed as e:
                self._loaded = e
                return
        notebook = self._notebook
        target = len(notebook.cells) if cells is None else min(cells, len(notebook.cells))
        if self._loaded is None or target < self.ran:
            source = notebook.source()
            # Tracebacks and messages quote the learner's lines: for a notebook they are the joined cells.
            linecache.cache[str(self.path)] = (len(source), None, source.splitlines(keepends=True), str(self.path))
            self._loaded, self.ran, self._errors, self._line = _new_module(self.path, self.display), 0, [], 1
            self._loaded.__load_errors__ = self._errors  # type: ignore[attr-defined]
        module = self._loaded
        assert isinstance(module, types.ModuleType)
        with _beside(self.path):
            while self.ran < target:
                cell, first_line = notebook.cells[self.ran], self._line
                # Counted before it runs: a cell interrupted by the time limit is not run again in this module.
                self.ran, self._line = self.ran + 1, self._line + cell.count("\n") + CELL_GAP.count("\n")
                _run_cell(module, cell, self.ran, first_line, self.path, self._errors)


def _run_file(path: Path, display: str) -> types.ModuleType:
    try:
        source = read_source(path)
    except OSError as e:
        raise LoadFailed(f"{display} could not be read: {e.strerror}") from None
    try:
        code = compile(source, str(path), "exec")
    except SyntaxError as e:
        raise LoadFailed(f"{display} has a syntax error at line {e.lineno}: {e.msg}"
                         + (f"\n    {e.text.strip()}" if e.text else "")) from None
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


def _run_cell(module: types.ModuleType, cell: str, number: int, first_line: int, path: Path, errors: list[str]) -> None:
    """One cell, as a kernel runs it: a cell that fails is noted in `errors` and the next cell still runs,
    so the other answers keep their points."""
    try:
        tree = ast.increment_lineno(ast.parse(cell), first_line - 1)
        exec(compile(tree, str(path), "exec"), module.__dict__)
    except SyntaxError as e:
        errors.append(f"code cell {number} has a syntax error at line {(e.lineno or 1) + first_line - 1}: {e.msg}")
    except (Exception, SystemExit) as e:  # noqa: BLE001 - the kernel would report it and go on
        errors.append(f"code cell {number} raised {type(e).__name__}{_line_in(e, path)}: {e}")


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
