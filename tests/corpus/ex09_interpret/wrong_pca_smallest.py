# expect-fail: principal_components.matches_svd | the smallest components
def principal_components(factors, k=3):
    centred = factors - factors.mean(0)
    _, vectors = torch.linalg.eigh(centred.T @ centred)
    return centred @ vectors[:, :k]
