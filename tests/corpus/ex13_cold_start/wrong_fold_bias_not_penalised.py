# expect-fail: fold_in_user.matches_reference | a ridge penalty on the bias forgotten
# expect-pass: fold_in_user.rejects_bad_input
# expect-pass: fold_in_user.movies_fixed
def fold_in_user(movie_factors, movie_bias, movies, ratings, wd=0.1, y_range=(0, 5.5)):
    low, high = y_range
    r = ratings.double()
    if len(r) == 0 or wd <= 0 or ((r <= low) | (r >= high)).any():
        raise ValueError("bad input")
    q = movie_factors.detach().double()[movies]
    t = torch.logit((r - low) / (high - low)) - movie_bias.detach().double().flatten()[movies]
    a = torch.cat([q, torch.ones(len(q), 1, dtype=torch.double)], 1)
    penalty = torch.eye(a.shape[1], dtype=torch.double) * wd
    penalty[-1, -1] = 0  # only the factors are weights
    theta = torch.linalg.solve(a.T @ a + penalty, a.T @ t)
    return theta[:-1].float(), theta[-1].float()
