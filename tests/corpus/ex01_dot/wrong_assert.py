# expect-fail: dot.unequal_lengths | assert for input validation
def dot(u, v):
    assert len(u) == len(v), "lengths differ"
    return sum(a * b for a, b in zip(u, v))
