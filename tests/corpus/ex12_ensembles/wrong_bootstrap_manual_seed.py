# expect-fail: bootstrap_sample.leaves_global_rng | seeding the global generator
# expect-pass: bootstrap_sample.deterministic
# expect-pass: bootstrap_sample.seed_matters
# expect-pass: bootstrap_sample.uniform
def bootstrap_sample(n, seed=0):
    torch.manual_seed(seed)
    return torch.randint(0, n, (n,))
