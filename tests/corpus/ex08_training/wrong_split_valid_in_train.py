# expect-fail: train_valid_split.partitions | validation rows left in the training set
def train_valid_split(n, valid_pct=0.2, seed=42):
    order = torch.randperm(n, generator=torch.Generator().manual_seed(seed))
    return order, order[: int(valid_pct * n)]
