# expect-fail: fold_in_user.movies_fixed | a fold-in that refits the movies
def fold_in_user(movie_factors, movie_bias, movies, ratings, wd=0.1, y_range=(0, 5.5)):
    low, high = y_range
    p = torch.zeros(movie_factors.shape[1], requires_grad=True)
    b = torch.zeros((), requires_grad=True)
    target = torch.logit((ratings - low) / (high - low))
    weights = [p, b, movie_factors.requires_grad_(), movie_bias.requires_grad_()]
    for _ in range(300):
        pred = movie_factors[movies] @ p + b + movie_bias.reshape(-1)[movies]
        loss = ((target - pred) ** 2).sum() + wd * ((p ** 2).sum() + b ** 2)
        grads = torch.autograd.grad(loss, weights)
        with torch.no_grad():
            for w, g in zip(weights, grads):
                w -= 0.05 * g  # the movies move too
    return p.detach(), b.detach()
