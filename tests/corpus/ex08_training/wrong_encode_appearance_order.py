# expect-fail: encode_ids.matches_reference | ids numbered in order of appearance
def encode_ids(ratings, user="user", item="movie"):
    u_codes, users = pd.factorize(ratings[user])
    m_codes, movies = pd.factorize(ratings[item])
    return torch.tensor(list(zip(u_codes, m_codes))).reshape(-1, 2), sorted(users), sorted(movies)
