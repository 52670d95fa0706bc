# expect: full-marks
def bootstrap_sample(n, seed=0):
    generator = torch.Generator()
    generator.manual_seed(seed)
    return torch.randint(n, (n,), generator=generator)
