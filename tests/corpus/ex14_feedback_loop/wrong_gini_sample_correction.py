# expect-fail: gini.matches_formula | a sample correction n / (n - 1)
def gini(counts):
    c = counts.double()
    n = len(c)
    if n < 2 or c.sum() == 0:
        return 0.0
    return float((c[:, None] - c[None, :]).abs().sum() / (2 * (n - 1) * c.sum()))
