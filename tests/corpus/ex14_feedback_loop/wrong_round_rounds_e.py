# expect-fail: feedback_round.exploration | the number of explored items rounded, not floored
def feedback_round(counts, seen, k, explore=0.0, seed=0):
    if not 0 <= explore <= 1:
        raise ValueError("explore must be in [0, 1]")
    e = round(explore * k)
    shown = torch.zeros_like(seen)
    shown.scatter_(1, recommend(counts, seen, k)[:, : k - e], True)
    generator = torch.Generator().manual_seed(seed)
    for user in range(len(seen)):
        others = torch.nonzero(~seen[user] & ~shown[user]).flatten()
        shown[user, others[torch.randperm(len(others), generator=generator)[:e]]] = True
    return counts + shown.sum(0), seen | shown
