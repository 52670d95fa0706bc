# expect-fail: recommend.matches_reference | a stand-in score for seen items that real scores can beat
def recommend(scores, seen, k):
    if ((~seen).sum(1) < k).any():
        raise ValueError("too few unseen items")
    masked = torch.where(seen, torch.zeros_like(scores * 1.0), scores * 1.0)
    return torch.argsort(masked, dim=1, descending=True, stable=True)[:, :k]
