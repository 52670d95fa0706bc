# expect: full-marks
def gini(counts):
    c = sorted(float(v) for v in counts)
    n, total = len(c), sum(c)
    if n == 0 or total == 0:
        return 0.0
    # 1 - 2 x (area under the Lorenz curve), with the area summed by trapezoids.
    running, area = 0.0, 0.0
    for v in c:
        area += (2 * running + v) / (2 * total * n)
        running += v
    return 1 - 2 * area
