# expect: full-marks
import random


def bootstrap_sample(n, seed=0):
    rng = random.Random(seed)
    return torch.tensor(rng.choices(range(n), k=n), dtype=torch.int64)
