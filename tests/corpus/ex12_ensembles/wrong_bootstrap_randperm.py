# expect-fail: bootstrap_sample.with_replacement | a bootstrap drawn without replacement
# expect-pass: bootstrap_sample.shape_and_range
# expect-pass: bootstrap_sample.deterministic
# expect-pass: bootstrap_sample.seed_matters
# expect-pass: bootstrap_sample.leaves_global_rng
# expect-pass: bootstrap_sample.uniform
def bootstrap_sample(n, seed=0):
    return torch.randperm(n, generator=torch.Generator().manual_seed(seed))
