# expect-fail: encode_ids.column_names | hard-coded column names
# expect-pass: encode_ids.matches_reference
import numpy as np


def encode_ids(ratings, user="user", item="movie"):
    users, u = np.unique(ratings["user"], return_inverse=True)
    movies, m = np.unique(ratings["movie"], return_inverse=True)
    return torch.tensor(np.stack([u, m], axis=1)), list(users), list(movies)
