# expect: full-marks
# A list whose items are the positions as 0-dim tensors (iterating over topk's indices).
import torch.nn.functional as F


def nearest_movies(factors, index, k=5):
    sims = F.cosine_similarity(factors, factors[index : index + 1], dim=1)
    sims[index] = float("-inf")
    return list(sims.topk(k).indices)
