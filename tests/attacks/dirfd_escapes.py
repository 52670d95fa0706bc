# expect: ex01_dot 5 | -
# Reads and writes through directory fds and /proc links, which name-based checks cannot judge (the
# kernel resolves the name against the fd). Every one must be refused; one that works makes dot wrong.
import os

STEAL = [("{ROOT}", "solutions/ex01_dot.py"), ("{ROOT}", "reference/ex06_cross_entropy.py"),
         ("{ROOT}", "grader/specs/ex01_dot.py"), ("{SUBMISSIONS}", "honest/ex01_dot.py"), ("{OUT}", ".secret"),
         ("{HOME}", "."), ("/", "etc/passwd"), ("/proc", "1/environ"), ("/proc", "self/environ")]
WRITE = [("{ROOT}", "pwned-dirfd.py"), ("{HOME}", "pwned-dirfd.txt"), ("{OUT}", "pwned-dirfd.txt"),
         ("{SUBMISSIONS}", "pwned-dirfd.txt"), ("/tmp", "pwned-dirfd-lesson7.txt")]


def _works(act):
    try:
        act()
        return True
    except Exception:
        return False


def _read(folder, name, flags):
    fd = os.open(folder, flags)
    try:
        os.read(os.open(name, os.O_RDONLY, dir_fd=fd), 10)
    finally:
        os.close(fd)


def _write(folder, name, flags):
    fd = os.open(folder, flags)
    try:
        os.write(os.open(name, os.O_WRONLY | os.O_CREAT, dir_fd=fd), b"pwned")
    finally:
        os.close(fd)


def dot(u, v):
    escaped = []
    for flags in (os.O_RDONLY | os.O_DIRECTORY, os.O_PATH):
        escaped += [_works(lambda: _read(folder, name, flags)) for folder, name in STEAL]
        escaped += [_works(lambda: _write(folder, name, flags)) for folder, name in WRITE]
    escaped += [_works(lambda: open("/proc/self/root{ROOT}/solutions/ex01_dot.py").read()),
                _works(lambda: open("/proc/self/cwd/../src/ex01_dot.py", "a").write("#")),
                _works(lambda: os.listdir(os.path.dirname(os.path.dirname(os.getcwd())))),  # the other students' folders
                _works(lambda: os.listdir("/proc/1/fd"))]
    if any(escaped):
        return -1
    if len(u) != len(v):
        raise ValueError("lengths differ")
    return sum(a * b for a, b in zip(u, v))
