# expect: ex01_dot 5 | -
# Links and special files made in the working folder, to read the grader's files or to trap the grader
# when it cleans up. Every one must be refused; one that works makes dot wrong.
import os


def _works(act):
    try:
        act()
        return True
    except Exception:
        return False


def dot(u, v):
    escaped = [_works(lambda: os.symlink("{ROOT}/solutions/ex01_dot.py", "link.py")),
               _works(lambda: os.link("{ROOT}/solutions/ex01_dot.py", "hard.py")),
               _works(lambda: os.link("../src/ex01_dot.py", "own-hard.py")),
               _works(lambda: os.mkfifo("fifo")),
               _works(lambda: os.mknod("device", 0o20644, os.makedev(1, 3))),
               _works(lambda: os.rename("../src/ex01_dot.py", "moved.py")),
               _works(lambda: os.chmod("../src", 0o777))]
    if any(escaped):
        return -1
    if len(u) != len(v):
        raise ValueError("lengths differ")
    return sum(a * b for a, b in zip(u, v))
