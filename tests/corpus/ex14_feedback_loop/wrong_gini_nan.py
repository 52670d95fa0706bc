# expect-fail: gini.edge_cases | NaN for counts that sum to zero
# expect-pass: gini.matches_formula
def gini(counts):
    c = counts.double()
    return float((c[:, None] - c[None, :]).abs().sum() / (2 * len(c) * c.sum()))
