# expect-fail: bootstrap_sample.shape_and_range | a numpy array instead of a tensor
# expect-fail: bootstrap_sample.leaves_global_rng | seeding the global generator
# expect-pass: bootstrap_sample.deterministic
# expect-pass: bootstrap_sample.with_replacement
def bootstrap_sample(n, seed=0):
    np.random.seed(seed)
    return np.random.randint(0, n, size=n)
