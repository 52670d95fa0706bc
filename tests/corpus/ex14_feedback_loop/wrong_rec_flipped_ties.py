# expect-fail: recommend.ties | ties broken towards the higher index
# expect-pass: recommend.matches_reference
# expect-pass: recommend.one_ranking
def recommend(scores, seen, k):
    if ((~seen).sum(1) < k).any():
        raise ValueError("too few unseen items")
    scores = scores.double().expand(seen.shape).masked_fill(seen, float("-inf"))
    return torch.argsort(scores, dim=1, stable=True).flip(1)[:, :k]
