# expect: ex01_dot 4 | -
# Every fork is refused, so dot stays right; dot.from_scratch is lost all the same: a process started in dot is an
# escape hatch of the from-scratch rule (its code would run out of the watch's sight).
import os


def dot(u, v):
    try:
        while True:
            os.fork()
    except Exception:
        pass
    if len(u) != len(v):
        raise ValueError("lengths differ")
    return sum(a * b for a, b in zip(u, v))
