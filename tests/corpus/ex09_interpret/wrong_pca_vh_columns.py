# expect-fail: principal_components.matches_svd | columns of Vh instead of rows
def principal_components(factors, k=3):
    centred = factors - factors.mean(dim=0)
    _, _, vh = torch.linalg.svd(centred, full_matrices=False)
    return centred @ vh[:, :k]
