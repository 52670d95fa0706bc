# expect-fail: bootstrap_sample.shape_and_range | positions counted from 1
def bootstrap_sample(n, seed=0):
    return torch.randint(1, n + 1, (n,), generator=torch.Generator().manual_seed(seed))
