# expect: full-marks
def encode_ids(ratings, user="user", item="movie"):
    u = pd.Categorical(ratings[user])
    m = pd.Categorical(ratings[item])
    x = torch.stack([torch.tensor(u.codes).long(), torch.tensor(m.codes).long()], dim=1)
    return x, list(u.categories), list(m.categories)
