# expect: full-marks
def bootstrap_sample(n, seed=0):
    # Borrow the global generator, and give it back as it was.
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return torch.randint(0, n, (n,))
