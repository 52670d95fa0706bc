# expect-fail: feedback_round.rejects_bad_input | explore outside [0, 1] not rejected
# expect-pass: feedback_round.no_exploration
def feedback_round(counts, seen, k, explore=0.0, seed=0):
    e = min(max(math.floor(explore * k), 0), k)
    shown = torch.zeros_like(seen)
    shown.scatter_(1, recommend(counts, seen, k)[:, : k - e], True)
    generator = torch.Generator().manual_seed(seed)
    for user in range(len(seen)):
        others = torch.nonzero(~seen[user] & ~shown[user]).flatten()
        shown[user, others[torch.randperm(len(others), generator=generator)[:e]]] = True
    return counts + shown.sum(0), seen | shown
