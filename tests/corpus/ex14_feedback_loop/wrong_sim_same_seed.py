# expect-fail: simulate.rounds_seeded | the same seed for every round
# expect-pass: simulate.no_exploration
def simulate(seen, rounds, k, explore=0.0, seed=0):
    counts = seen.sum(0)
    history = [gini(counts)]
    for _ in range(rounds):
        counts, seen = feedback_round(counts, seen, k, explore, seed)
        history.append(gini(counts))
    return history
