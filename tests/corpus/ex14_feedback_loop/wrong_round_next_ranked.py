# expect-fail: feedback_round.explores_uniformly | exploring the next-ranked items
# expect-pass: feedback_round.exploration
# expect-pass: feedback_round.deterministic
# expect-pass: feedback_round.no_exploration
def feedback_round(counts, seen, k, explore=0.0, seed=0):
    if not 0 <= explore <= 1:
        raise ValueError("explore must be in [0, 1]")
    # "Exploration" as the items just below the top: the same items whatever the seed.
    shown = torch.zeros_like(seen)
    shown.scatter_(1, recommend(counts, seen, k), True)
    return counts + shown.sum(0), seen | shown
