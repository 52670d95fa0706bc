# expect: full-marks
def encode_ids(ratings, user="user", item="movie"):
    u, users = pd.factorize(ratings[user], sort=True)
    m, movies = pd.factorize(ratings[item], sort=True)
    return torch.tensor([u.tolist(), m.tolist()], dtype=torch.long).T.contiguous(), users, movies
