# expect-fail: recommend.one_ranking | one row for everyone instead of one per user
# expect-pass: recommend.matches_reference
def recommend(scores, seen, k):
    if ((~seen).sum(1) < k).any():
        raise ValueError("too few unseen items")
    if scores.dim() == 1:  # one ranking: one recommendation, from what nobody has seen first
        masked = scores.double().masked_fill(seen.all(0), float("-inf"))
        return torch.argsort(masked, descending=True, stable=True)[:k]
    masked = scores.double().masked_fill(seen, float("-inf"))
    return torch.argsort(masked, dim=1, descending=True, stable=True)[:, :k]
