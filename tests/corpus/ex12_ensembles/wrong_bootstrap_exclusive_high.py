# expect-fail: bootstrap_sample.uniform | the last position never drawn
# expect-pass: bootstrap_sample.with_replacement
# expect-pass: bootstrap_sample.leaves_global_rng
def bootstrap_sample(n, seed=0):
    generator = torch.Generator().manual_seed(seed)
    return torch.randint(0, max(n - 1, 1), (n,), generator=generator)
