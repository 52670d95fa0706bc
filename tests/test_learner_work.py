"""The README's test command passes whatever the learner has done to exercises/ and notebooks/: the
suite checks a fresh build from solutions/, and drift is a fresh build against the manifests."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

from grader.course import ROOT

COPIED = ("grader", "reference", "solutions", "exercises", "notebooks", "tests")


def test_the_stub_and_drift_checks_pass_in_a_checkout_the_learner_has_worked_in(tmp_path):
    checkout = tmp_path / "checkout"
    for folder in COPIED:
        shutil.copytree(ROOT / folder, checkout / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", checkout)
    exercises, notebooks = checkout / "exercises", checkout / "notebooks"
    # A learner's afternoon: one exercise right, one wrong, one stub deleted, a notebook answered and run.
    shutil.copy(ROOT / "solutions" / "ex01_dot.py", exercises / "ex01_dot.py")
    (exercises / "ex02_crosstab.py").write_text("import pandas as pd\n\n"
                                                + (ROOT / "tests/corpus/ex02_crosstab/wrong_counts.py").read_text())
    (exercises / "ex03_embedding.py").unlink()
    notebook = json.loads((notebooks / "ex01_dot.ipynb").read_text())
    answer = next(c for c in notebook["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("solution"))
    answer["source"], answer["execution_count"] = "def dot(u, v):\n    return 0\n", 1
    (notebooks / "ex01_dot.ipynb").write_text(json.dumps(notebook))
    (notebooks / "ex04_dot_model.ipynb").unlink()

    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/test_maintainer.py::test_untouched_stub_fails_every_check_as_not_implemented",
         "tests/test_maintainer.py::test_every_part_is_there_and_the_spec_is_sound",
         "tests/test_maintainer.py::test_generated_files_are_fresh",
         "tests/test_notebooks.py::test_the_learners_notebook_is_the_release_form"],
        cwd=checkout, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and " failed" not in done.stdout
    # and the drift check still bites there: a solution changed without a build is stale
    solution = checkout / "solutions" / "ex05_weight_decay.py"
    solution.write_text(solution.read_text() + "\n# changed, not built\n")
    done = subprocess.run([sys.executable, "-m", "grader", "build", "--check"], cwd=checkout, capture_output=True,
                          text=True)
    assert done.returncode == 1 and "stale: exercises/ex05_weight_decay.py" in done.stdout, done.stdout
