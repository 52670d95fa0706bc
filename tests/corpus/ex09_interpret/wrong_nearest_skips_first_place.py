# expect-fail: nearest_movies.excludes_itself | the movie itself among its neighbours
# expect-pass: nearest_movies.matches_reference
from torch import nn


def nearest_movies(factors, index, k=5):
    distances = nn.CosineSimilarity(dim=1)(factors, factors[index][None])
    return distances.argsort(descending=True, stable=True)[1:k + 1].tolist()
