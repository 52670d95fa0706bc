# expect-fail: simulate.no_exploration | a list of
def simulate(seen, rounds, k, explore=0.0, seed=0):
    counts = seen.sum(0)
    history = [gini(counts)]
    for r in range(rounds):
        counts, seen = feedback_round(counts, seen, k, explore, seed + r)
        history.append(gini(counts))
    return torch.tensor(history)
