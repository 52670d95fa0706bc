# expect-fail: bootstrap_sample.deterministic | drawing from the global generator
# expect-fail: bootstrap_sample.leaves_global_rng | drawing from a global generator
# expect-pass: bootstrap_sample.shape_and_range
# expect-pass: bootstrap_sample.with_replacement
def bootstrap_sample(n, seed=0):
    return torch.randint(0, n, (n,))
