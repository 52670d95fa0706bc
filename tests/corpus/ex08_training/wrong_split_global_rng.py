# expect-fail: train_valid_split.deterministic | the global random generator
def train_valid_split(n, valid_pct=0.2, seed=42):
    order = torch.randperm(n)
    cut = int(valid_pct * n)
    return order[cut:], order[:cut]
