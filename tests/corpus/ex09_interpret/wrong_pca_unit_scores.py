# expect-fail: principal_components.matches_svd | U without the singular values
def principal_components(factors, k=3):
    centred = factors - factors.mean(0)
    u, s, vh = torch.linalg.svd(centred, full_matrices=False)
    return u[:, :k]
