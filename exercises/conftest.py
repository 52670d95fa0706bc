# Turns every exNN_*.py here into pytest items, one per check: `pytest exercises/`.
from grader.pytest_plugin import pytest_collect_file, pytest_pycollect_makemodule  # noqa: F401
