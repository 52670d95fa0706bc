# expect: full-marks
def bootstrap_sample(n, seed=0):
    g = torch.Generator().manual_seed(seed)
    return torch.multinomial(torch.ones(n), n, replacement=True, generator=g)
