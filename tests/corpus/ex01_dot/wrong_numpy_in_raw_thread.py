# expect-fail: dot.from_scratch | while running, it reached numpy
# expect-pass: dot.matches_reference
# A thread started through a reference to _thread.start_new_thread taken when the file is imported.
import time
from _thread import start_new_thread as spawn

import numpy


def dot(u, v):
    if len(u) != len(v):
        raise ValueError("lengths differ")
    result = []
    spawn(lambda: result.append(numpy.dot(u, v).item() if u else 0), ())
    while not result:
        time.sleep(0.001)
    return result[0]
