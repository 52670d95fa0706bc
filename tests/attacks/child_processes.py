# expect: ex01_dot 4 | -
# Every attempt must be refused; one that works makes dot wrong, so the points show it too. (dot.from_scratch is
# lost either way: `__import__` in dot is an escape hatch of the from-scratch rule.)
import os
import subprocess


def _works(start):
    try:
        start()
        return True
    except Exception:
        return False


def dot(u, v):
    escaped = [
        _works(lambda: subprocess.Popen(["sleep", "987"], start_new_session=True)),
        _works(lambda: os.system("sleep 987 &")),
        _works(lambda: os.posix_spawn("/bin/sleep", ["sleep", "987"], os.environ)),
        _works(lambda: __import__("ctypes").CDLL(None).fork()),
        _works(lambda: os.kill(os.getppid(), 9)),
    ]
    if any(escaped):
        return -1
    if len(u) != len(v):
        raise ValueError("lengths differ")
    return sum(a * b for a, b in zip(u, v))
