# expect-fail: feedback_round.explores_uniformly | exploration weighted by popularity
# expect-pass: feedback_round.exploration
# expect-pass: feedback_round.deterministic
def feedback_round(counts, seen, k, explore=0.0, seed=0):
    if not 0 <= explore <= 1:
        raise ValueError("explore must be in [0, 1]")
    e = math.floor(explore * k)
    shown = torch.zeros_like(seen)
    shown.scatter_(1, recommend(counts, seen, k)[:, : k - e], True)
    generator = torch.Generator().manual_seed(seed)
    for user in range(len(seen)):
        others = torch.nonzero(~seen[user] & ~shown[user]).flatten()
        if e:
            weights = counts[others].double() + 1  # the more watched, the likelier
            shown[user, others[torch.multinomial(weights, e, generator=generator)]] = True
    return counts + shown.sum(0), seen | shown
