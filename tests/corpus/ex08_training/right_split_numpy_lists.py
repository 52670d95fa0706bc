# expect: full-marks
import numpy as np


def train_valid_split(n, valid_pct=0.2, seed=42):
    order = np.random.default_rng(seed).permutation(n)
    n_valid = round(valid_pct * n)
    return order[n_valid:].tolist(), order[:n_valid].tolist()
