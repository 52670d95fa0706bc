# expect: full-marks
from itertools import accumulate


def simulate(seen, rounds, k, explore=0.0, seed=0):
    def step(state, r):
        return feedback_round(state[0], state[1], k, explore, seed + r)

    states = accumulate(range(rounds), step, initial=(seen.sum(0), seen))
    return [gini(counts) for counts, _ in states]
