# expect-fail: simulate.rounds_seeded | rounds seeded from seed + 1
# expect-pass: simulate.no_exploration
def simulate(seen, rounds, k, explore=0.0, seed=0):
    counts = seen.sum(0)
    history = [gini(counts)]
    for r in range(1, rounds + 1):
        counts, seen = feedback_round(counts, seen, k, explore, seed + r)
        history.append(gini(counts))
    return history
