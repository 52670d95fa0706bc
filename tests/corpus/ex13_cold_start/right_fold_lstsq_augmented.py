# expect: full-marks
def fold_in_user(movie_factors, movie_bias, movies, ratings, wd=0.1, y_range=(0, 5.5)):
    low, high = y_range
    r = torch.as_tensor(ratings, dtype=torch.float64)
    if r.numel() == 0:
        raise ValueError("no ratings")
    if wd <= 0:
        raise ValueError("wd must be > 0")
    if not bool(((r > low) & (r < high)).all()):
        raise ValueError("a rating outside y_range")
    with torch.no_grad():
        q = movie_factors.double()[movies]
        t = torch.special.logit((r - low) / (high - low)) - movie_bias.double().view(-1)[movies]
        a = torch.hstack([q, torch.ones(len(q), 1, dtype=torch.float64)])
        # Ridge as plain least squares: sqrt(wd) * I stacked under A, zeros under t.
        k = a.shape[1]
        stacked = torch.vstack([a, wd ** 0.5 * torch.eye(k, dtype=torch.float64)])
        theta = torch.linalg.lstsq(stacked, torch.cat([t, torch.zeros(k, dtype=torch.float64)]).unsqueeze(1)).solution
    return theta[:-1, 0].float(), theta[-1, 0].float()
