# expect-fail: bootstrap_sample.uniform | some positions drawn far more often than others
# expect-pass: bootstrap_sample.shape_and_range
# expect-pass: bootstrap_sample.deterministic
def bootstrap_sample(n, seed=0):
    generator = torch.Generator().manual_seed(seed)
    return (torch.rand(n, generator=generator) ** 2 * n).long()
