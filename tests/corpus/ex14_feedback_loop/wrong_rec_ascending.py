# expect-fail: recommend.matches_reference | the lowest scores first
def recommend(scores, seen, k):
    if ((~seen).sum(1) < k).any():
        raise ValueError("too few unseen items")
    order = torch.argsort(scores.expand(seen.shape), dim=1, stable=True)
    seen_in_order = torch.gather(seen, 1, order).long()
    return torch.gather(order, 1, torch.argsort(seen_in_order, dim=1, stable=True))[:, :k]
