# expect-fail: gini.matches_formula | Gini on unsorted counts
# expect-pass: gini.edge_cases
def gini(counts):
    c = counts.double()
    n, total = len(c), c.sum()
    if n == 0 or total == 0:
        return 0.0
    rank = torch.arange(1, n + 1, dtype=torch.double)
    return float(((2 * rank - n - 1) * c).sum() / (n * total))
