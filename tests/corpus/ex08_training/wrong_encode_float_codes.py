# expect-fail: encode_ids.matches_reference | dtype is float32, expected int64
def encode_ids(ratings, user="user", item="movie"):
    users = sorted(ratings[user].unique())
    movies = sorted(ratings[item].unique())
    x = torch.zeros(len(ratings), 2)
    x[:, 0] = torch.tensor(ratings[user].map({v: i for i, v in enumerate(users)}).to_numpy())
    x[:, 1] = torch.tensor(ratings[item].map({v: i for i, v in enumerate(movies)}).to_numpy())
    return x, users, movies
