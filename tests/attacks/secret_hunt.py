# expect: ex01_dot 0 | printed:
# Looks for the grading secret everywhere a worker could, and prints what it finds into its feedback.
import os


def _read(path):
    try:
        with open(path, "rb") as f:
            return f.read(4000).decode(errors="replace")
    except OSError as e:
        return f"{path}: {e.strerror}"


def dot(u, v):
    print("environ:", dict(os.environ))
    for path in ("/proc/self/environ", f"/proc/{os.getppid()}/environ", "/proc/1/environ", "{OUT}/.secret"):
        print(path, _read(path))
    return -1
