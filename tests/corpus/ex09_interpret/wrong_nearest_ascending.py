# expect-fail: nearest_movies.matches_reference | the least similar first
import torch.nn.functional as F


def nearest_movies(factors, index, k=5):
    sims = F.cosine_similarity(factors, factors[index].unsqueeze(0))
    return [i for i in sims.argsort().tolist() if i != index][:k]
