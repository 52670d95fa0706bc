# expect: ex01_dot 4 | -
# Every import of the grader's secrets must fail; one that works makes dot wrong, so the points show it. (dot.from_scratch
# is lost either way: importlib and sys.modules in what dot uses are escape hatches of the from-scratch rule.)
import importlib
import sys


def _works(name):
    try:
        importlib.import_module(name)
        return True
    except Exception:
        return False


LEAKED = [name for name in ("solutions.ex01_dot", "reference.ex01_dot", "reference", "grader.specs.ex01_dot",
                            "grader.engine", "grader.grading", "hypothesis") if _works(name)]
LEAKED += [name for name in sys.modules if name.startswith(("reference", "solutions", "hypothesis", "grader.specs."))]


def dot(u, v):
    if LEAKED:
        return -1
    if len(u) != len(v):
        raise ValueError("lengths differ")
    return sum(a * b for a, b in zip(u, v))
