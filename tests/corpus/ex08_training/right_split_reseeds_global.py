# expect: full-marks
import random


def train_valid_split(n, valid_pct=0.2, seed=42):
    positions = list(range(n))
    random.Random(seed).shuffle(positions)
    cut = int(len(positions) * valid_pct)
    valid, train = positions[:cut], positions[cut:]
    return train, valid
