# expect-fail: bootstrap_sample.shape_and_range | positions as floats
def bootstrap_sample(n, seed=0):
    generator = torch.Generator().manual_seed(seed)
    return torch.floor(torch.rand(n, generator=generator) * n)
