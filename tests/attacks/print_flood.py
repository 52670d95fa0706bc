# expect: ex01_dot 5 | -
import os
import sys

for _ in range(100):  # 100 MB while being imported, through print and straight to the descriptors
    print("x" * 1_000_000)
os.write(1, b"y" * 1_000_000)
os.write(2, b"z" * 1_000_000)


def dot(u, v):
    if len(u) != len(v):
        raise ValueError("lengths differ")
    print("x" * 1_000_000)
    sys.stderr.write("y" * 1_000_000)
    return sum(a * b for a, b in zip(u, v))
