# expect-fail: train_valid_split.partitions | an off-by-one cut
def train_valid_split(n, valid_pct=0.2, seed=42):
    order = torch.randperm(n, generator=torch.Generator().manual_seed(seed))
    cut = int(valid_pct * n)
    return order[cut + 1:], order[:cut]
