# expect: full-marks
def fold_in_user(movie_factors, movie_bias, movies, ratings, wd=0.1, y_range=(0, 5.5)):
    low, high = y_range
    if len(ratings) < 1 or not wd > 0 or (ratings <= low).any() or (ratings >= high).any():
        raise ValueError("fold_in_user: bad ratings or wd")
    q = movie_factors.detach()[movies]
    b_movies = movie_bias.detach().squeeze(-1)[movies] if movie_bias.dim() == 2 else movie_bias.detach()[movies]
    y = (ratings - low) / (high - low)
    t = torch.log(y) - torch.log1p(-y) - b_movies
    x = torch.cat([q, torch.ones_like(q[:, :1])], dim=1)
    # float32 throughout, with an explicit inverse: less exact than a solve, still well within tolerance.
    theta = torch.inverse(x.T @ x + wd * torch.eye(x.shape[1])) @ (x.T @ t)
    return theta[:-1], theta[-1]
