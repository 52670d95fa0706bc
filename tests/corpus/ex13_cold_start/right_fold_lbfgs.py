# expect: full-marks
def fold_in_user(movie_factors, movie_bias, movies, ratings, wd=0.1, y_range=(0, 5.5)):
    low, high = y_range
    if len(ratings) == 0 or wd <= 0 or not (((ratings > low) & (ratings < high)).all()):
        raise ValueError("bad input to fold_in_user")
    q = movie_factors.detach().double()[movies]
    t = torch.logit((ratings.double() - low) / (high - low)) - movie_bias.detach().double().reshape(-1)[movies]
    theta = torch.zeros(q.shape[1] + 1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([theta], lr=1, max_iter=200, tolerance_grad=1e-12, tolerance_change=1e-15,
                            line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = ((t - q @ theta[:-1] - theta[-1]) ** 2).sum() + wd * (theta ** 2).sum()
        loss.backward()
        return loss

    opt.step(closure)
    return theta[:-1].detach(), theta[-1].detach()
