# expect-fail: feedback_round.no_exploration | counts updated in the middle of a round
def feedback_round(counts, seen, k, explore=0.0, seed=0):
    if not 0 <= explore <= 1:
        raise ValueError("explore must be in [0, 1]")
    counts, seen = counts.clone(), seen.clone()
    e = math.floor(explore * k)
    generator = torch.Generator().manual_seed(seed)
    for user in range(len(seen)):
        top = recommend(counts, seen[user:user + 1], k)[0, : k - e]  # ranked by the counts so far
        others = torch.nonzero(~seen[user]).flatten()
        others = others[~torch.isin(others, top)]
        picks = others[torch.randperm(len(others), generator=generator)[:e]]
        shown = torch.cat([top, picks])
        seen[user, shown] = True
        counts[shown] += 1
    return counts, seen
