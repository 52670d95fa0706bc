# expect: full-marks
def principal_components(factors, k=3):
    centred = factors - factors.mean(0)
    u, s, _ = torch.svd(centred)
    return u[:, :k] * s[:k]
