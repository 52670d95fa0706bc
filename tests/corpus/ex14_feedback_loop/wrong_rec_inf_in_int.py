# expect-fail: recommend.ties | -inf in an integer tensor
# expect-pass: recommend.matches_reference
def recommend(scores, seen, k):
    if ((~seen).sum(1) < k).any():
        raise ValueError("too few unseen items")
    masked = scores.expand(seen.shape).masked_fill(seen, float("-inf"))
    return torch.argsort(masked, dim=1, descending=True, stable=True)[:, :k]
