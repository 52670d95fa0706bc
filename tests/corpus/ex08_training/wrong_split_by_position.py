# expect-fail: train_valid_split.seed_matters | a split by position
# expect-pass: train_valid_split.partitions
# expect-pass: train_valid_split.deterministic
def train_valid_split(n, valid_pct=0.2, seed=42):
    cut = n - int(valid_pct * n)
    return list(range(cut)), list(range(cut, n))
