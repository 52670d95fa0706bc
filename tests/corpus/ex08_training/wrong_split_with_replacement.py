# expect-fail: train_valid_split.partitions | sampling with replacement
def train_valid_split(n, valid_pct=0.2, seed=42):
    generator = torch.Generator().manual_seed(seed)
    valid = torch.randint(0, n, (int(valid_pct * n),), generator=generator)
    keep = torch.ones(n, dtype=torch.bool)
    keep[valid] = False
    return torch.arange(n)[keep], valid
