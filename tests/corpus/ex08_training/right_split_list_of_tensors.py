# expect: full-marks
# Lists whose items are positions as 0-dim tensors (list() of a tensor).
def train_valid_split(n, valid_pct=0.2, seed=42):
    order = torch.randperm(n, generator=torch.Generator().manual_seed(seed))
    n_valid = round(valid_pct * n)
    return list(order[n_valid:]), list(order[:n_valid])
