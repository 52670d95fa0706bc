# expect: full-marks
def train_valid_split(n, valid_pct=0.2, seed=42):
    torch.manual_seed(seed)
    perm = torch.randperm(n)
    n_valid = int(n * valid_pct)
    return perm[n_valid:], perm[:n_valid]
