# expect-fail: dot.from_scratch | while running, it reached numpy
# expect-pass: dot.matches_reference
# numpy called in a thread the function starts: the runtime watch goes into the thread with it.
import threading


def dot(u, v):
    if len(u) != len(v):
        raise ValueError("lengths differ")
    result = []

    def work():
        library = __import__("num" + "py")
        result.append(library.asarray(u, dtype=float).dot(library.asarray(v, dtype=float)).item() if u else 0)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    return result[0]
