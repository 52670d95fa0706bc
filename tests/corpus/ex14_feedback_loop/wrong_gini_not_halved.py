# expect-fail: gini.matches_formula | the sum of differences not halved
def gini(counts):
    c = counts.double()
    if len(c) == 0 or c.sum() == 0:
        return 0.0
    return float((c[:, None] - c[None, :]).abs().sum() / (len(c) * c.sum()))
