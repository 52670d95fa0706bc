# expect-fail: fold_in_user.y_range_and_bias_column | the logit taken of rating / high
# expect-pass: fold_in_user.matches_reference
# expect-pass: fold_in_user.few_ratings
def fold_in_user(movie_factors, movie_bias, movies, ratings, wd=0.1, y_range=(0, 5.5)):
    low, high = y_range
    r = ratings.double()
    if len(r) == 0 or wd <= 0 or ((r <= low) | (r >= high)).any():
        raise ValueError("bad input")
    q = movie_factors.detach().double()[movies]
    t = torch.logit(r / high) - movie_bias.detach().double().flatten()[movies]
    a = torch.cat([q, torch.ones(len(q), 1, dtype=torch.double)], 1)
    theta = torch.linalg.solve(a.T @ a + wd * torch.eye(a.shape[1], dtype=torch.double), a.T @ t)
    return theta[:-1], theta[-1]
