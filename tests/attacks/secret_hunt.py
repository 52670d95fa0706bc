# expect: ex01_dot 0 | printed:
# Looks for the grading secret everywhere a worker could, and prints what it finds into its feedback
# (its own folder as `.` and its parent by name: the same class graded twice, or here and on Dask,
# gives the same bytes).
import os


def _read(path):
    try:
        with open(path, "rb") as f:
            return f.read(4000).decode(errors="replace")
    except OSError as e:
        return e.strerror


def dot(u, v):
    print("environ:", {name: value.replace(os.getcwd(), ".") for name, value in os.environ.items()})
    for name, path in (("self", "/proc/self/environ"), ("parent", f"/proc/{os.getppid()}/environ"),
                       ("init", "/proc/1/environ"), ("OUT/.secret", "{OUT}/.secret")):
        print(name, _read(path))
    return -1
