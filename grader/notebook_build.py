"""One source, two more views: lesson notebooks and an nbgrader course, generated from `solutions/`.

For each solution file `exNN_name.py` the *source* notebook (the instructor's, with solutions) has:
  - the module docstring as markdown: what the exercise is, the fastbook question it answers (its
    solution notes, which answer the question, are left out of both forms: `grader.markers.without_notes`);
  - the exercise's figures (`grader.figures`), where it has any;
  - the module's imports and constants as a code cell;
  - one solution cell per definition, with nbgrader's metadata and its `### BEGIN/END SOLUTION` block,
    introduced by the name's TODO line from the hints data;
  - after it, one locked grade cell per check of that name, worth the check's points, calling
    `grader.notebook.grade`: so nbgrader's total is the sum of the points of the passing checks, the
    same as the gradebook of `python -m grader grade`;
  - a closing `check("exNN")` cell: every check in one table.

The *release* form is what nbgrader's `generate_assignment` makes of it (solutions replaced by
`CODE_STUB`, grade cells made read-only and undeletable): the committed `notebooks/` hold it, for
learners without nbgrader. Grade and check cells carry `{"lesson7": {"check": true}}` as well as
nbgrader's flags, so graders reading a notebook's code (`grader.loading`) can leave them out.

`python -m grader notebooks --course DIR` writes the nbgrader course; `python -m grader build` keeps
`notebooks/` fresh (never overwriting a notebook a learner has changed, as for the stubs).
"""
from __future__ import annotations

import ast
import copy
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader import hints
from grader.course import EXERCISE_FILE
from grader.markers import BEGIN, END, without_notes
from grader.figures import Figure
from grader.figures.lesson import for_exercise

ASSIGNMENT = "lesson7"
# nbgrader's stub for a cleared solution; nbgrader_config.py pins it, so notebooks/ and the course agree.
CODE_STUB = "# YOUR CODE HERE\nraise NotImplementedError()"
BEGIN_TEXT, END_TEXT = BEGIN.lstrip("# "), END.lstrip("# ")  # nbgrader finds its markers anywhere in a line
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
COMMENT_WIDTH = 79  # columns of a check cell's comment
# What ipykernel reports and JupyterLab writes into a notebook as it opens: carried as it is, so that
# opening a notebook does not mark it modified. The version is the project's Python (the one CI runs),
# fixed so that the build gives the same bytes everywhere; under another Python, JupyterLab updates it.
LANGUAGE_INFO = {"codemirror_mode": {"name": "ipython", "version": 3}, "file_extension": ".py",
                 "mimetype": "text/x-python", "name": "python", "nbconvert_exporter": "python",
                 "pygments_lexer": "ipython3", "version": "3.11.7"}

NBGRADER_CONFIG = f'''\
# nbgrader's configuration for the lesson 7 workbook, written by `python -m grader notebooks`.
# Run nbgrader from this folder, in a Python environment where the workbook is installed
# (`pip install -e ".[dev]"` in its checkout): the grade cells import `grader`.
c = get_config()  # noqa: F821

c.CourseDirectory.course_id = "{ASSIGNMENT}"
# The workbook's notebooks/ show this stub where a solution was: keep the two the same.
c.ClearSolutions.code_stub = {{"python": {CODE_STUB!r}}}
# A notebook's first check imports torch and hypothesis: give a slow machine more than the default 30 s.
c.Execute.timeout = 120
'''


@dataclass(frozen=True)
class Part:
    """A piece of a solution file that becomes one code cell."""

    kind: str  # "setup" (imports, constants), "definition" (a function or class), "helper" (a module-level solution block)
    code: str
    name: str | None = None

    @property
    def solution(self) -> bool:
        return BEGIN in self.code


def split_solution(source: str) -> tuple[str, list[Part]]:
    """The module docstring, and the rest of a solution file cut into parts, in order."""
    tree = ast.parse(source)
    lines = source.splitlines()
    body = list(tree.body)
    docstring = ast.get_docstring(tree) or ""
    dropped: set[int] = set()  # lines in no cell: the docstring (it becomes markdown), a script's entry point
    if docstring:
        dropped.update(range(body[0].lineno, body[0].end_lineno + 1))
        body = body[1:]
    spans: list[tuple[int, int, str, str | None]] = []  # (first line, last line, kind, name), 1-based
    start = None
    for number, line in enumerate(lines, 1):
        if line.strip() == BEGIN and line == line.lstrip():
            start = number
        elif line.strip() == END and line == line.lstrip() and start is not None:
            spans.append((start, number, "helper", None))
            start = None
    inside = lambda node: any(s <= node.lineno <= e for s, e, kind, _ in spans if kind == "helper")  # noqa: E731
    for node in body:
        if _runs_as_script(node) and not inside(node):
            dropped.update(range(node.lineno, node.end_lineno + 1))
        if inside(node) or _runs_as_script(node):
            continue
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            last = node.end_lineno
            # The block goes on past its last statement while lines are blank or indented (`### END SOLUTION`).
            while last < len(lines) and (not lines[last].strip() or lines[last][:1].isspace()):
                last += 1
            spans.append((first, last, "definition", node.name))
        else:
            spans.append((first, node.end_lineno, "setup", None))
    spans.sort()
    pieces: list[tuple[str, str | None, list[str]]] = []  # (kind, name, lines)
    previous_end = 0
    for i, (first, last, kind, name) in enumerate(spans):
        # Comments and blank lines between two statements belong to the one that follows them;
        # whatever follows the last statement belongs to it.
        end = len(lines) if i == len(spans) - 1 else last
        block = [line for number, line in enumerate(lines[previous_end:end], previous_end + 1) if number not in dropped]
        if kind == "setup" and pieces and pieces[-1][0] == "setup":
            pieces[-1][2].extend(block)
        else:
            pieces.append((kind, name, block))
        previous_end = end
    return docstring, [Part(kind, "\n".join(block).strip("\n"), name) for kind, name, block in pieces]


def _runs_as_script(node: ast.stmt) -> bool:
    """`if __name__ == "__main__":`: a script's entry point, which a notebook would run as if it were one."""
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) \
        and test.left.id == "__name__"


def needed_helpers(parts: list[Part]) -> list[Part]:
    """The parts without the module-level solution blocks that no other part uses (a demo, say).

    The stubs drop such blocks; a notebook cannot drop a solution block (nbgrader replaces it with a
    stub that raises at once), so it keeps only the helpers that the worked solution calls."""
    used = {n.id for p in parts if p.kind != "helper" for n in ast.walk(ast.parse(p.code))
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    return [p for p in parts if p.kind != "helper" or _defines(p.code) & used]


def _defines(code: str) -> set[str]:
    """The names that module-level code defines or assigns."""
    names = set()
    for node in ast.parse(code).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return names


def source_notebook(exercise: str, solution: str) -> Any:
    """The instructor's notebook for one exercise: solutions in place, nbgrader metadata on every cell it grades."""
    import nbformat.v4 as v4

    from grader import course
    checks = course.all_exercises()[exercise].checks
    # Solution notes never reach a notebook: nbgrader's generate_assignment clears code, not prose.
    docstring, parts = split_solution(without_notes(solution, exercise))
    title, _, text = docstring.partition("\n")
    cells: list[Any] = [v4.new_markdown_cell(f"# {title.strip().rstrip('.')}\n\n{text.strip()}")]
    cells += [_figure_cell(f) for f in for_exercise(exercise)]
    cells.append(v4.new_markdown_cell(_how_to(exercise)))
    placed: set[str] = set()
    helpers = 0
    for part in needed_helpers(parts):
        grade_id = f"solution-{part.name}"
        if part.kind == "definition" and part.solution:
            cells.append(v4.new_markdown_cell(f"## `{part.name}`\n\n**To do:** {_sentence(hints.todo(exercise, part.name))}"))
        elif part.kind == "helper":
            helpers += 1
            grade_id = f"solution-helpers-{helpers}"
            cells.append(v4.new_markdown_cell("Helpers that the functions below use: write them here."))
        metadata = _nbgrader(grade_id, solution=True) if part.solution else {}
        cells.append(v4.new_code_cell(part.code, metadata=metadata))
        if part.name is not None:
            cells += [_grade_cell(exercise, c) for c in checks if c.name == part.name]
            placed.add(part.name)
    cells += [_grade_cell(exercise, c) for c in checks if c.name not in placed]
    cells.append(v4.new_markdown_cell(f"## All the checks\n\nEvery check of this exercise in one table, with the "
                                      f"smallest input that fails each. Stuck? `hint(\"{exercise[:4]}\")` gives hints, "
                                      "from gentle to specific."))
    cells.append(v4.new_code_cell(f'from grader.notebook import check, hint\n\ncheck("{exercise[:4]}")',
                                  metadata={**_nbgrader("check-all", locked=True), **_ours()}))
    notebook = v4.new_notebook(cells=cells, metadata={"kernelspec": dict(KERNELSPEC),
                                                      "language_info": copy.deepcopy(LANGUAGE_INFO)})
    for number, cell in enumerate(notebook.cells):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", cell.cell_type)
        cell.id = f"{number:02d}-{grade_id}"[:64]  # stable ids: the generated files must not change from run to run
    return notebook


def _how_to(exercise: str) -> str:
    short = exercise[:4]
    return ("**How to work here.** Write your code where a cell says `# YOUR CODE HERE` (in place of the "
            "`raise NotImplementedError()` line) and run the cell. Then run the check cells under it: each runs "
            "one of the grader's checks and is worth the points it names. A passing check prints a ✓ line; a "
            "failing one shows the smallest input that breaks your code, what was expected and what came back. "
            f'The last cell, `check("{short}")`, shows every check at once, and `hint("{short}")` in a new cell '
            "gives hints. Run the cells from the top after restarting the kernel: the checks test what the kernel "
            "has defined, and the from-scratch checks read every cell it has run.")


def _sentence(text: str) -> str:
    """A TODO line as a sentence: names keep their case (`cross_entropy`, not `Cross_entropy`)."""
    return text + ("" if text.endswith(".") else ".")


def _figure_cell(figure: Figure) -> Any:
    import nbformat.v4 as v4

    cell = v4.new_markdown_cell(figure.markdown)
    if figure.attachments:
        cell.attachments = copy.deepcopy(figure.attachments)
    return cell


def _grade_cell(exercise: str, check: Any) -> Any:
    import nbformat.v4 as v4

    points = f"{check.points} point{'s' if check.points != 1 else ''}"
    # JupyterLab does not wrap code: the comment is cut into lines that fit the cell.
    comment = textwrap.wrap(f"{check.id}, {points}: {check.says}", COMMENT_WIDTH - 2, break_long_words=False,
                            break_on_hyphens=False)
    code = "".join(f"# {line}\n" for line in comment) + f'from grader.notebook import grade\n\ngrade("{exercise}", "{check.id}")'
    grade_id = "check-" + check.id.replace(".", "-")
    # A failing check raises, so nbgrader scores the cell 0; the tag lets Run All (and nbclient) go on past it.
    return v4.new_code_cell(code, metadata={**_nbgrader(grade_id, grade=True, locked=True, points=check.points),
                                            **_ours(), "tags": ["raises-exception"]})


def _nbgrader(grade_id: str, *, grade: bool = False, solution: bool = False, locked: bool = False,
              points: int | None = None) -> dict:
    """nbgrader's cell metadata (schema version 3)."""
    meta: dict[str, Any] = {"schema_version": 3, "grade_id": grade_id, "grade": grade, "solution": solution, "locked": locked}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def _ours() -> dict:
    return {"lesson7": {"check": True}}


def release(notebook: Any) -> Any:
    """What nbgrader's generate_assignment shows a student: solutions replaced by `CODE_STUB`, solution
    cells undeletable, grade and read-only cells undeletable and not editable, no outputs."""
    released = copy.deepcopy(notebook)
    for cell in released.cells:
        flags = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        if flags.get("solution"):
            cell.source = clear_solution(cell.source)
            cell.metadata["deletable"] = False
        elif flags.get("grade") or flags.get("locked"):
            cell.metadata["deletable"] = False
            cell.metadata["editable"] = False
    return released


def solutions_of(notebook: Any) -> dict[str, str]:
    """grade_id -> source of each solution cell."""
    return {c.metadata["nbgrader"]["grade_id"]: c.source for c in notebook.cells
            if c.metadata.get("nbgrader", {}).get("solution")}


def submission(released: Any, answers: dict[str, str]) -> Any:
    """A student's copy of a released notebook with some solution cells (by grade_id) answered: what
    a course's submitted/ folder holds. Everything else stays as released, nbgrader's checksums too."""
    unknown = set(answers) - set(solutions_of(released))
    if unknown:
        raise ValueError(f"no solution cell {', '.join(sorted(unknown))}")
    student = copy.deepcopy(released)
    for cell in student.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if cell.metadata.get("nbgrader", {}).get("solution") and grade_id in answers:
            cell.source = answers[grade_id]
    return student


def clear_solution(source: str) -> str:
    """Each `BEGIN SOLUTION` ... `END SOLUTION` region replaced by the stub, at the region's indent."""
    out: list[str] = []
    inside = found = False
    for line in source.split("\n"):
        if BEGIN_TEXT in line:
            inside = found = True
            indent = line[: len(line) - len(line.lstrip())]
            out += [indent + stub for stub in CODE_STUB.split("\n")]
        elif END_TEXT in line:
            inside = False
        elif not inside:
            out.append(line)
    return "\n".join(out) if found else CODE_STUB


def dumps(notebook: Any) -> str:
    import nbformat

    nbformat.validate(notebook)
    return nbformat.writes(notebook) + "\n"


def solution_files(root: Path, exercises: list[str] | None = None) -> list[Path]:
    paths = sorted(p for p in (root / "solutions").iterdir() if EXERCISE_FILE.fullmatch(p.name) and p.suffix == ".py")
    return [p for p in paths if exercises is None or p.stem in exercises]


def source_notebooks(root: Path, exercises: list[str] | None = None) -> dict[str, Any]:
    """Exercise stem -> its source notebook, for every solution file (or those named)."""
    return {p.stem: source_notebook(p.stem, p.read_text(encoding="utf-8")) for p in solution_files(root, exercises)}


def release_texts(root: Path) -> dict[str, str]:
    """`notebooks/<stem>.ipynb` file name -> its text, as `python -m grader build` writes it."""
    return {f"{stem}.ipynb": dumps(release(nb)) for stem, nb in source_notebooks(root).items()}


def write_course(course: Path, root: Path, exercises: list[str] | None = None) -> list[Path]:
    """An nbgrader course in `course`: nbgrader_config.py (kept if there is one) and source/lesson7/*.ipynb."""
    folder = course / "source" / ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    config = course / "nbgrader_config.py"
    if not config.exists():
        config.write_text(NBGRADER_CONFIG, encoding="utf-8")
        written.append(config)
    for stem, notebook in source_notebooks(root, exercises).items():
        path = folder / f"{stem}.ipynb"
        path.write_text(dumps(notebook), encoding="utf-8")
        written.append(path)
    return written
