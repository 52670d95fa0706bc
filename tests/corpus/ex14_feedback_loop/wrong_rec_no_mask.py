# expect-fail: recommend.matches_reference | recommending already-seen items
def recommend(scores, seen, k):
    scores = scores.expand(seen.shape)
    return torch.argsort(scores, dim=1, descending=True, stable=True)[:, :k]
