# expect-fail: train_valid_split.seed_matters | the seed ignored
import numpy as np


def train_valid_split(n, valid_pct=0.2, seed=42):
    order = np.random.default_rng(42).permutation(n)
    cut = int(valid_pct * n)
    return order[cut:], order[:cut]
