"""`python -m grader new exNN_name`: write each hand-written part of a new exercise, with a `TODO(new)`
wherever the maintainer has something to fill in (`python -m grader dev check` lists them). The
generated parts (stub, notebook, the README's row) then come from `python -m grader build`.

The skeleton is a working exercise in miniature: one public name, one check comparing it with the
reference, one wrong and one right corpus version, so that each part shows its own shape.
"""
from __future__ import annotations

import re
from pathlib import Path

from grader import course
from grader.maintainer import LEFT


class ScaffoldError(ValueError):
    """A name `new` cannot use, said in one line."""


def parts_for(name: str, public: str) -> dict[Path, str]:
    """Each file `new` writes for exercise `name` with one public function `public`, by path."""
    parts = course.parts(name)
    check = f"{public}.matches_reference"
    number = int(name[2:4])
    return {
        parts.solution: f'''"""{LEFT}: one line saying what the learner builds in `{public}`.

fastbook chapter 8, question {LEFT}: name the questions this exercise answers (or the Road to the Top part).

### BEGIN SOLUTION NOTES
{LEFT}: the worked solution's explanation: why each line is there, and each question answered in full.
This block is the reader's alone: the stub and the notebook leave it out.
### END SOLUTION NOTES
"""
from __future__ import annotations


def {public}(x):
    """{LEFT}: what `{public}` must do, as the contract says it. The stub keeps this docstring."""
    ### BEGIN SOLUTION
    raise NotImplementedError("{LEFT}: the worked solution")
    ### END SOLUTION
''',
        parts.reference: f'''"""Reference for ex{number:02d}: the trusted `{public}` the checks compare with. {LEFT}: say how it is
computed when that differs from the worked solution (a library routine the learner may not use, say)."""
from __future__ import annotations


def {public}(x):
    raise NotImplementedError("{LEFT}: the reference implementation")
''',
        parts.spec: f'''"""Checks for ex{number:02d}: `{public}`. {LEFT}: one check per property the contract states."""
from __future__ import annotations

from hypothesis import strategies as st

import reference.{name} as ref
from grader import expect
from grader.specs import Exercise

EXERCISE = Exercise("{name}", names=["{public}"])


# {LEFT}: the inputs to draw (grader/strategies.py has the course's own strategies).
@EXERCISE.check("{check}", points=1, given=st.integers(-10, 10),
                says="{public}(x) must {LEFT}: the property in words, the first line of a failure.")
def matches_reference(learner, x):
    answer = learner.call("{public}", x)
    # {LEFT}: compare as the contract allows, naming misconceptions as ("key", lambda got: ...) pairs.
    expect.number(answer, ref.{public}(x), misconceptions=[("missing_return", lambda got: got is None)])
''',
        parts.hints: f'''title = "{LEFT}: the exercise in a few words"

hints = [
  "{LEFT}: a gentle first hint",
  "{LEFT}: a more specific one",
]

[table]  # this exercise's row of the README's table of exercises (python -m grader build writes it)
names = "`{public}(x)`"
does = "{LEFT}: what each public name must do"
fastbook = "{LEFT}: Qn"

[todo]
{public} = "{LEFT}: the TODO line the stub gets in place of the solution"

[checks]
"{check}" = "{LEFT}: the hint printed under this check's failure"

[misconceptions.missing_return]
name = "no return statement"
why = "the function computes the value but never returns it, so the caller gets None."
''',
        parts.corpus / "wrong_example.py": f'''# expect-fail: {check} | no return statement
# {LEFT}: a wrong version learners really write (at least five per public name), each with the check
# that catches it and a phrase its message must contain. This one forgets to return.
def {public}(x):
    x + 1
''',
        parts.corpus / "right_example.py": f'''# expect: full-marks
# {LEFT}: a right version in another style than the worked solution (at least three per public name).
def {public}(x):
    raise NotImplementedError("{LEFT}")
''',
    }


def write(name: str, public: str | None = None) -> list[Path]:
    """Write the parts of new exercise `name`; ScaffoldError for a bad or taken name. Returns the paths."""
    if not re.fullmatch(r"ex\d\d_[a-z][a-z0-9_]*", name):  # a stricter course.STEM: lowercase words
        raise ScaffoldError(f"{name!r} is not an exercise name: ex, two digits, _, then lowercase words (ex15_topic)")
    public = public or name[5:]
    if not public.isidentifier():
        raise ScaffoldError(f"{public!r} is not a Python name")
    taken = [n for n in course.names() if n[:4] == name[:4]]
    if taken:
        raise ScaffoldError(f"{name[:4]} is taken by {taken[0]}: choose another number")
    files = parts_for(name, public)
    existing = [path for path in files if path.exists()]
    if existing:
        raise ScaffoldError(f"{existing[0].relative_to(course.ROOT)} exists already: nothing written")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)
