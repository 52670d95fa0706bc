# expect: full-marks
def recommend(scores, seen, k):
    if (seen.shape[1] - seen.sum(dim=1) < k).any():
        raise ValueError("not enough unseen items")
    # float64 holds every score used here exactly, and -inf sorts below all of them.
    s = scores.to(torch.float64).expand(seen.shape).masked_fill(seen, float("-inf"))
    return s.argsort(dim=-1, descending=True, stable=True)[..., :k]
