# expect-fail: encode_ids.matches_reference | positions counted from 1
def encode_ids(ratings, user="user", item="movie"):
    users = sorted(ratings[user].unique())
    movies = sorted(ratings[item].unique())
    u = ratings[user].map({v: i + 1 for i, v in enumerate(users)})
    m = ratings[item].map({v: i + 1 for i, v in enumerate(movies)})
    return torch.tensor([list(pair) for pair in zip(u, m)]), users, movies
