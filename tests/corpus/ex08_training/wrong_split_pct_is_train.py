# expect-fail: train_valid_split.valid_size | valid_pct read as the training share
# expect-pass: train_valid_split.partitions
def train_valid_split(n, valid_pct=0.2, seed=42):
    order = torch.randperm(n, generator=torch.Generator().manual_seed(seed))
    cut = int(valid_pct * n)
    return order[:cut], order[cut:]
