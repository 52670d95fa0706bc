# expect: full-marks
def dot(u, v):
    if len(u) != len(v):
        raise ValueError(f"{len(u)} != {len(v)}")
    total = 0
    for i in range(len(u)):
        total = total + u[i] * v[i]
    return total
