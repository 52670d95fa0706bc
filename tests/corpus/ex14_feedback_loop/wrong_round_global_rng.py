# expect-fail: feedback_round.deterministic | exploration drawn from the global generator
# expect-pass: feedback_round.exploration
# expect-pass: feedback_round.explores_uniformly
def feedback_round(counts, seen, k, explore=0.0, seed=0):
    if not 0 <= explore <= 1:
        raise ValueError("explore must be in [0, 1]")
    e = math.floor(explore * k)
    shown = torch.zeros_like(seen)
    shown.scatter_(1, recommend(counts, seen, k)[:, : k - e], True)
    for user in range(len(seen)):
        others = torch.nonzero(~seen[user] & ~shown[user]).flatten()
        shown[user, others[torch.randperm(len(others))[:e]]] = True
    return counts + shown.sum(0), seen | shown
