# expect-fail: dot.matches_reference | skipping the last pair
def dot(u, v):
    if len(u) != len(v):
        raise ValueError("lengths differ")
    total = 0
    for i in range(len(u) - 1):
        total += u[i] * v[i]
    return total
