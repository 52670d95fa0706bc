# expect: ex01_dot 5 | -
# Plants modules where the grading process might import them later (its working folder, the project,
# its import path, bytecode caches). Every write must be refused; one that works makes dot wrong.
import os
import sys

PLACES = ["{ROOT}", "{ROOT}/grader", "{ROOT}/grader/__pycache__", "{OUT}", "{SUBMISSIONS}",
          os.path.dirname(os.__file__), *[p for p in sys.path if p]]
NAMES = ["pwned_tqdm.py", "sitecustomize.py", "usercustomize.py", "pwned.pth"]


def _works(act):
    try:
        act()
        return True
    except Exception:
        return False


def dot(u, v):
    escaped = [_works(lambda: os.close(os.open(os.path.join(place, name), os.O_WRONLY | os.O_CREAT | os.O_EXCL)))
               for place in PLACES for name in NAMES]
    if any(escaped):
        return -1
    if len(u) != len(v):
        raise ValueError("lengths differ")
    return sum(a * b for a, b in zip(u, v))
