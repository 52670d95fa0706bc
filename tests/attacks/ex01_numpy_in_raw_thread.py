# expect: ex01_dot 4 | reached numpy
# A thread started through _thread, by a reference taken on import: the thread starters are wrapped first.
import time
from _thread import start_new_thread as spawn


def dot(u, v):
    if len(u) != len(v):
        raise ValueError("lengths differ")
    if not u:
        return 0
    result = []

    def work():
        library = __import__("num" + "py")
        total = library.asarray(u, dtype=float).dot(library.asarray(v, dtype=float)).item()
        result.append(int(total) if all(isinstance(x, int) for x in [*u, *v]) else total)

    spawn(work, ())
    while not result:
        time.sleep(0.001)
    return result[0]
