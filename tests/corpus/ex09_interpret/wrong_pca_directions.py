# expect-fail: principal_components.matches_svd | directions instead of coordinates
def principal_components(factors, k=3):
    centred = factors - factors.mean(0)
    _, _, vh = torch.linalg.svd(centred, full_matrices=False)
    return vh[:k].T
