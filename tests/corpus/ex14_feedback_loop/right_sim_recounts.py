# expect: full-marks
def simulate(seen, rounds, k, explore=0.0, seed=0):
    ginis = [gini(seen.sum(dim=0))]
    counts = seen.sum(dim=0)
    for r in range(rounds):
        counts, seen = feedback_round(counts, seen, k, explore=explore, seed=seed + r)
        ginis.append(gini(seen.sum(dim=0)))  # the counts are always the column sums of seen
    return ginis
