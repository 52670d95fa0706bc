# expect-fail: nearest_movies.matches_reference | the movie itself among its neighbours
import torch.nn.functional as F


def nearest_movies(factors, index, k=5):
    sims = F.cosine_similarity(factors, factors[index][None], dim=1)
    return sims.argsort(descending=True)[:k].tolist()
