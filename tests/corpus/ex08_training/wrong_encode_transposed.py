# expect-fail: encode_ids.matches_reference | x transposed
import numpy as np


def encode_ids(ratings, user="user", item="movie"):
    users, u = np.unique(ratings[user], return_inverse=True)
    movies, m = np.unique(ratings[item], return_inverse=True)
    return torch.tensor(np.stack([u, m])), list(users), list(movies)
