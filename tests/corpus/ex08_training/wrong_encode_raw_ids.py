# expect-fail: encode_ids.matches_reference | raw ids used as embedding rows
def encode_ids(ratings, user="user", item="movie"):
    x = torch.tensor(ratings[[user, item]].to_numpy(), dtype=torch.int64)
    return x, sorted(ratings[user].unique()), sorted(ratings[item].unique())
