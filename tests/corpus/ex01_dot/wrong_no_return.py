# expect-fail: dot.matches_reference | no return statement
def dot(u, v):
    if len(u) != len(v):
        raise ValueError("lengths differ")
    total = sum(a * b for a, b in zip(u, v))
