# expect: full-marks
def bootstrap_sample(n, seed=0):
    draws = np.random.RandomState(seed).randint(0, n, size=n)
    return torch.as_tensor(draws, dtype=torch.long)
