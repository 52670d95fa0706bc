# expect-fail: dot.matches_reference | products not added up
def dot(u, v):
    if len(u) != len(v):
        raise ValueError("lengths differ")
    return [a * b for a, b in zip(u, v)]
