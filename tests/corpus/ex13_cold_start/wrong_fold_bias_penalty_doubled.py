# expect-fail: fold_in_user.matches_reference | the ridge penalty on the bias doubled
def fold_in_user(movie_factors, movie_bias, movies, ratings, wd=0.1, y_range=(0, 5.5)):
    low, high = y_range
    q = movie_factors.detach().double()[movies]
    t = torch.logit((ratings.double() - low) / (high - low)) - movie_bias.detach().double().flatten()[movies]
    a = torch.cat([q, torch.ones(len(q), 1, dtype=torch.double)], 1)
    penalty = wd * torch.eye(a.shape[1], dtype=torch.double)
    penalty[-1, -1] += wd  # the bias's wd * b^2, added a second time
    theta = torch.linalg.solve(a.T @ a + penalty, a.T @ t)
    return theta[:-1], theta[-1]
