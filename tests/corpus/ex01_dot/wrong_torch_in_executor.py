# expect-fail: dot.from_scratch | while running, it reached torch
# expect-pass: dot.matches_reference
from concurrent.futures import ThreadPoolExecutor


def dot(u, v):
    if len(u) != len(v):
        raise ValueError("lengths differ")
    if not u:
        return 0
    library = __import__("importlib").import_module("to" + "rch")
    with ThreadPoolExecutor(1) as pool:
        total = pool.submit(lambda: library.dot(library.tensor(u, dtype=library.float64),
                                                library.tensor(v, dtype=library.float64)).item()).result()
    return int(total) if all(isinstance(x, int) for x in [*u, *v]) else total
