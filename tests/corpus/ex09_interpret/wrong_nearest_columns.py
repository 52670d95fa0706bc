# expect-fail: nearest_movies.matches_reference | nearest_movies(torch.tensor(
import torch.nn.functional as F


def nearest_movies(factors, index, k=5):
    sims = F.cosine_similarity(factors, factors[index].expand_as(factors), dim=0)
    sims[index % len(sims)] = -float("inf")
    return sims.argsort(descending=True)[:k].tolist()
