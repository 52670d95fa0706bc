# expect-fail: bootstrap_sample.shape_and_range | an upper end that is included
# expect-pass: bootstrap_sample.deterministic
# expect-pass: bootstrap_sample.leaves_global_rng
import random


def bootstrap_sample(n, seed=0):
    rng = random.Random(seed)
    return torch.tensor([rng.randint(0, n) for _ in range(n)])
