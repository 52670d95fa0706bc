# expect: ex01_dot 4 | reached numpy
# numpy called in a thread that dot starts, the module named at run time: only dot.from_scratch is lost.
import threading


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

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    return result[0]
