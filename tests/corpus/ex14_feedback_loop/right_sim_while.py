# expect: full-marks
def simulate(seen, rounds, k, explore=0.0, seed=0):
    state = (seen.sum(0), seen)
    out = [float(gini(state[0]))]
    r = 0
    while r < rounds:
        state = feedback_round(*state, k, explore, seed + r)
        out.append(float(gini(state[0])))
        r += 1
    return out
