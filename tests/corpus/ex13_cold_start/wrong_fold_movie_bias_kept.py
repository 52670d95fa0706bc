# expect-fail: fold_in_user.matches_reference | the movie's bias left in the target
def fold_in_user(movie_factors, movie_bias, movies, ratings, wd=0.1, y_range=(0, 5.5)):
    low, high = y_range
    q = movie_factors.detach().double()[movies]
    t = torch.logit((ratings.double() - low) / (high - low))
    a = torch.cat([q, torch.ones(len(q), 1, dtype=torch.double)], 1)
    theta = torch.linalg.solve(a.T @ a + wd * torch.eye(a.shape[1], dtype=torch.double), a.T @ t)
    return theta[:-1], theta[-1]
