# expect-fail: recommend.too_few_unseen | recommending already-seen items
# expect-pass: recommend.matches_reference
def recommend(scores, seen, k):
    masked = scores.double().expand(seen.shape).masked_fill(seen, float("-inf"))
    return torch.argsort(masked, dim=1, descending=True, stable=True)[:, :k]
