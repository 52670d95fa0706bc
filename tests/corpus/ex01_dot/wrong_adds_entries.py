# expect-fail: dot.matches_reference | adding instead of multiplying
def dot(u, v):
    if len(u) != len(v):
        raise ValueError("lengths differ")
    return sum(a + b for a, b in zip(u, v))
