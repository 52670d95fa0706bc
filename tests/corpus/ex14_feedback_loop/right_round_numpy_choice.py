# expect: full-marks
import numpy as np


def feedback_round(counts, seen, k, explore=0.0, seed=0):
    if explore < 0 or explore > 1:
        raise ValueError(f"explore={explore} is not in [0, 1]")
    e = math.floor(explore * k)
    top = recommend(counts, seen, k)[:, : k - e].numpy()
    shown = np.zeros(tuple(seen.shape), dtype=bool)
    rng = np.random.default_rng(seed)
    for user, items in enumerate(top):
        shown[user, items] = True
        candidates = np.flatnonzero(~seen[user].numpy() & ~shown[user])
        shown[user, rng.choice(candidates, size=e, replace=False)] = True
    shown_t = torch.from_numpy(shown)
    return counts + shown_t.sum(0), seen | shown_t
