# expect-fail: feedback_round.no_exploration | one count per item instead of one per user
# expect-fail: feedback_round.exploration | one count per item instead of one per user
def feedback_round(counts, seen, k, explore=0.0, seed=0):
    if not 0 <= explore <= 1:
        raise ValueError("explore must be in [0, 1]")
    e = math.floor(explore * k)
    top = recommend(counts, seen, k)[:, : k - e]
    generator = torch.Generator().manual_seed(seed)
    shown = torch.zeros_like(seen)
    shown.scatter_(1, top, True)
    for user in range(len(seen)):
        others = torch.nonzero(~seen[user] & ~shown[user]).flatten()
        shown[user, others[torch.randperm(len(others), generator=generator)[:e]]] = True
    return counts + shown.any(0).long(), seen | shown
