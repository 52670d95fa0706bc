# expect: full-marks
import random


def feedback_round(counts, seen, k, explore=0.0, seed=0):
    if not 0 <= explore <= 1:
        raise ValueError("explore outside [0, 1]")
    n_users, n_items = seen.shape
    if any(int((~seen[u]).sum()) < k for u in range(n_users)):
        raise ValueError("a user has fewer than k unseen items")
    e = math.floor(explore * k)
    ranking = sorted(range(n_items), key=lambda i: (-int(counts[i]), i))  # one ranking, start of the round
    rng = random.Random(seed)
    new_seen, new_counts = seen.clone(), counts.clone()
    for u in range(n_users):
        unseen = [i for i in ranking if not seen[u, i]]
        picks = unseen[: k - e] + rng.sample(unseen[k - e:], e)
        for i in picks:
            new_seen[u, i] = True
            new_counts[i] += 1
    return new_counts, new_seen
