# expect-fail: simulate.no_exploration | the starting Gini left out
def simulate(seen, rounds, k, explore=0.0, seed=0):
    counts, history = seen.sum(0), []
    for r in range(rounds):
        counts, seen = feedback_round(counts, seen, k, explore, seed + r)
        history.append(gini(counts))
    return history
