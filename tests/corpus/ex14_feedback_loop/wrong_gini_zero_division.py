# expect-fail: gini.edge_cases | a division by zero
# expect-pass: gini.matches_formula
def gini(counts):
    c = [float(v) for v in counts]
    pairs = sum(abs(a - b) for a in c for b in c)
    return pairs / (2 * len(c) * sum(c))
