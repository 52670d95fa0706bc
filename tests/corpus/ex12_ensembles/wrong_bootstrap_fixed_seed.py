# expect-fail: bootstrap_sample.seed_matters | the seed is not used
# expect-pass: bootstrap_sample.deterministic
# expect-pass: bootstrap_sample.leaves_global_rng
# expect-pass: bootstrap_sample.shape_and_range
def bootstrap_sample(n, seed=0):
    rng = np.random.default_rng(42)
    return torch.from_numpy(rng.integers(0, n, size=n))
