# expect: ex01_dot 0 | MemoryError
import numpy as np


def dot(u, v):
    hoard = []
    while True:  # a gigabyte at a time, until the worker's address-space limit says no
        hoard.append(np.empty(1 << 27))
