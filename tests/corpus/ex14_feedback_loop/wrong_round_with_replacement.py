# expect-fail: feedback_round.exploration | a round that recommends already-seen items (or one item twice)
# expect-pass: feedback_round.no_exploration
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
            shown[user, others[torch.randint(len(others), (e,), generator=generator)]] = True  # may repeat
    return counts + shown.sum(0), seen | shown
